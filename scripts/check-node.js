// Loaded with `node --import` before any .ts file: an older Node would otherwise stop with a bare
// `Unknown file extension ".ts"`. Plain JavaScript on purpose; it reads the range from package.json.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = /^>=\s*(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (wanted && (major < Number(wanted[1]) || (major === Number(wanted[1]) && minor < Number(wanted[2])))) {
  process.stderr.write(
    `Jalon needs Node.js ${engines.node} (it runs its TypeScript sources directly); this is Node ${process.versions.node}.\n` +
      'Install Node 24 LTS: https://nodejs.org/en/download, or `nvm install 24 && nvm use 24`,\n' +
      'or `fnm use 24`, then run the command again.\n',
  );
  process.exit(1);
}
