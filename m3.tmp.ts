import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
let t = performance.now(); let c0 = process.cpuUsage();
const lap = (l: string) => { const c = process.cpuUsage(c0); console.log(l.padEnd(28), 'wall', Math.round(performance.now() - t), 'cpu', Math.round((c.user + c.system) / 1000)); t = performance.now(); c0 = process.cpuUsage(); };
const dir = mkdtempSync('/tmp/front-measure/d-');
const mode = process.argv[2];
const c = await PGlite.create(join(dir, 'pgdata'), mode === 'relaxed' ? { relaxedDurability: true } : {});
lap('create (initdb)');
const mdir = 'src/store/migrations/';
const files = (await readdir(mdir)).sort();
const texts = await Promise.all(files.map((f) => readFile(mdir + f, 'utf8')));
if (mode === 'one') { await c.transaction(async (tx) => { await tx.exec(texts.join('\n;\n')); }); lap('migrations, one exec'); }
else { await c.transaction(async (tx) => { for (const x of texts) await tx.exec(x); }); lap('migrations, one exec each'); }
await c.close(); lap('close');
const c2 = await PGlite.create(join(dir, 'pgdata')); lap('reopen'); await c2.close();
