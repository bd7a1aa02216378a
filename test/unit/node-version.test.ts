import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

/** The Node binaries on this machine older than package.json's engines (CI's image may have none). */
function olderNodes(): string[] {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  return [...new Set([...found, '/usr/bin/node'])].filter((bin) => {
    if (bin === '') return false;
    try {
      const [major, minor] = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' })
        .trim()
        .split('.')
        .map(Number);
      return (major ?? 0) < 22 || (major === 22 && (minor ?? 0) < 18);
    } catch {
      return false;
    }
  });
}

/** Runs an npm script's command line with `node` replaced by `bin`, and `preload` loaded first. */
function runScript(script: string, bin: string, preload: string[] = []) {
  const [, ...args] = (pkg.scripts[script] ?? '').split(/\s+/);
  return spawnSync(bin, [...preload, ...args], { cwd: root, encoding: 'utf8', timeout: 20_000 });
}

describe('an older Node.js', () => {
  // This very Node, told it is 20.20.2 before the check runs, so the test holds on every machine.
  const pretend20 = [
    '--import',
    `data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.20.2"}})`,
  ];

  for (const script of ['start', 'demo', 'sandbox']) {
    it(`npm run ${script} says which Node is needed and how to get it, before any .ts loads`, () => {
      const res = runScript(script, process.execPath, pretend20);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('Jalon needs Node.js >=22.18');
      expect(res.stderr).toContain('this is Node 20.20.2');
      expect(res.stderr).toContain('nvm install 24');
      expect(res.stdout).toBe('');
    });
  }

  it('npm start on this machine’s older Node stops with that message, not "Unknown file extension"', () => {
    // CI's image may have no older Node: then the pretended version stands in for one.
    const runs = olderNodes().map((bin) => runScript('start', bin));
    if (runs.length === 0) runs.push(runScript('start', process.execPath, pretend20));
    for (const res of runs) {
      expect(res.stderr).toContain('Jalon needs Node.js >=22.18');
      expect(res.stderr).not.toContain('Unknown file extension');
      expect(res.status).toBe(1);
    }
  });
});
