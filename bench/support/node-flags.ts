import { readFileSync } from 'node:fs';

/**
 * The V8 flags the service runs with, as `npm start` gives them (package.json; the Dockerfile
 * repeats them and test/unit/node-flags.test.ts keeps the two equal). The benchmarks run the
 * service's code under the same flags: the young generation's size decides how often the receiver
 * collects, and a benchmark on Node's defaults measured another process than the one deployed.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  // --import loads the Node version check (scripts/check-node.js), not a V8 flag.
  return pkg.scripts.start
    .split(/\s+/)
    .filter((word) => word.startsWith('--') && !word.startsWith('--import'));
})();
