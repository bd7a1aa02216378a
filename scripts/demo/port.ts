/**
 * The port the demo's Jalon listens on, as the user asked: DEMO_PORT, else PORT (the variable
 * `npm start` reads), else null (3000, or a free port when 3000 is taken).
 */
export function requestedPort(env: NodeJS.ProcessEnv): number | null {
  const [name, raw] = env.DEMO_PORT ? ['DEMO_PORT', env.DEMO_PORT] : ['PORT', env.PORT];
  if (raw === undefined || raw === '') return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${name} must be a port number (0–65535), got "${raw}"`);
  return port;
}
