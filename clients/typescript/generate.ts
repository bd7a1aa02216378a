import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

/**
 * Writes src/schema.ts, the types of every path, operation, component and webhook of the
 * repository's openapi.yaml (openapi-typescript). `--check` writes nothing and exits 1 when the
 * committed file differs from what the document generates (test/integration/client.test.ts).
 */
const spec = new URL('../../openapi.yaml', import.meta.url);
const target = new URL('./src/schema.ts', import.meta.url);

const HEADER = `/**
 * Generated from openapi.yaml by clients/typescript/generate.ts (\`npm run client\`): do not edit.
 */

`;

export async function generate(): Promise<string> {
  const ast = await openapiTS(spec, { alphabetize: true, rootTypes: false });
  return HEADER + astToString(ast);
}

const text = await generate();
if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== text) {
    process.stderr.write('clients/typescript/src/schema.ts is stale: run `npm run client`\n');
    process.exit(1);
  }
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
