import { startSandbox } from './sandbox.ts';

/**
 * `npm run sandbox`: the three tracker emulations and the control API on loopback ports, until
 * Ctrl-C. Environment: SANDBOX_HOST (loopback only), SANDBOX_CONTROL_PORT (4100),
 * SANDBOX_JIRA_PORT (4101), SANDBOX_TRELLO_PORT (4102), SANDBOX_ASANA_PORT (4103),
 * SANDBOX_TIME_FACTOR (0.01: a vendor's one-minute retry delay takes 0.6 s), SANDBOX_JIRA_TIMEZONE.
 */

const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${name} must be a port number, not ${raw}`);
  return value;
};

const timeFactor = Number(process.env.SANDBOX_TIME_FACTOR ?? '0.01');
if (!Number.isFinite(timeFactor) || timeFactor <= 0)
  throw new Error('SANDBOX_TIME_FACTOR must be a positive number');

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
try {
  sandbox = await startSandbox({
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    ports: {
      control: port('SANDBOX_CONTROL_PORT', 4100),
      jira: port('SANDBOX_JIRA_PORT', 4101),
      trello: port('SANDBOX_TRELLO_PORT', 4102),
      asana: port('SANDBOX_ASANA_PORT', 4103),
    },
    timeFactor,
    ...(process.env.SANDBOX_JIRA_TIMEZONE ? { jira: { timeZone: process.env.SANDBOX_JIRA_TIMEZONE } } : {}),
  });
} catch (err) {
  const code = (err as { code?: string }).code;
  const hint = code === 'EADDRINUSE' ? ' (a port is taken: set SANDBOX_*_PORT)' : '';
  process.stderr.write(
    `the sandbox could not start: ${err instanceof Error ? err.message : String(err)}${hint}\n`,
  );
  process.exit(1);
}

const { urls, credentials: c } = sandbox;
const lines = [
  'Jalon tracker sandbox',
  `  control API  ${urls.control}   (GET /health, /counters, /pushed …; see README "Sandbox")`,
  `  Jira         ${urls.jira}   baseUrl for a Jira connection; any { email, apiToken }`,
  `               OAuth app: clientId ${c.jira.oauth.clientId}, clientSecret ${c.jira.oauth.clientSecret}, accessToken ${c.jira.oauth.accessToken}`,
  `  Trello       ${urls.trello}   any { apiKey, apiToken }; appSecret ${c.trello.appSecret}`,
  `  Asana        ${urls.asana}   any { accessToken }`,
  `  integration accounts: jira ${c.jira.accountId}, trello ${c.trello.memberId}, asana ${c.asana.userGid}`,
  `  time factor ${timeFactor}; Ctrl-C stops`,
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
