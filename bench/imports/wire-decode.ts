// Experiment: what reading one school's staged rows costs in PGlite, as the former JSON objects
// (json_to_recordset) and as wire arrays (staging.ts wireSelect), alternated (the parameter's
// own cost subtracted). Needs the data set (imports:generate).
//   pnpm --filter @jasmin/bench exec tsx imports/wire-decode.ts
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '@jasmin/api/src/db/pglite';
import { stagers } from '@jasmin/api/src/modules/imports/stage/stagers';
import { wireSelect } from '@jasmin/api/src/modules/imports/staging';
import { PUPIL_COLUMNS } from '@jasmin/api/src/modules/imports/stage/pupils';
async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'jasmin-wire-'));
  const db = await openPglite(dataDir);
  await db.exec(`CREATE TYPE "Sex" AS ENUM ('M', 'F')`);
  const uai = readdirSync('/tmp/jasmin-bench-imports/etablissements').sort()[1]!;
  const p = await stagers.SIECLE_ELEVES({
    filePath: `/tmp/jasmin-bench-imports/etablissements/${uai}/ElevesSansAdresses.xml`,
    stagePath: join(dataDir, 'x.staged'),
    onProgress: () => {},
  });
  const g = await stagers.SIECLE_RESPONSABLES({
    filePath: `/tmp/jasmin-bench-imports/etablissements/${uai}/ResponsablesAvecAdresses.xml`,
    stagePath: join(dataDir, 'y.staged'),
    onProgress: () => {},
  });
  const pupilTypes = ['int', ...PUPIL_COLUMNS.map(([, t]) => t), 'text', 'uuid'];
  const guardTypes = ['int', 'text', 'text', 'jsonb', 'json'];
  const gInner = [
    'text',
    'text',
    'text',
    'text',
    'text',
    'boolean',
    'text',
    'text',
    'text',
    'text',
    'text',
    'uuid',
  ];
  const asObjects = (json: string, nested = false) =>
    JSON.stringify(
      (JSON.parse(json) as unknown[][]).map((r) =>
        Object.fromEntries(
          r.map((v, i) => [
            `c${i}`,
            nested && i === 3
              ? (v as unknown[][]).map((x) => Object.fromEntries(x.map((y, j) => [`c${j}`, y])))
              : v,
          ]),
        ),
      ),
    );
  const pArr = p.batches![0]!,
    pObj = asObjects(pArr);
  const gArr = g.batches![0]!,
    gObj = asObjects(gArr, true);
  console.log(
    'pupils rows',
    JSON.parse(pArr).length,
    'bytes arr/obj',
    pArr.length,
    pObj.length,
    '; guardians',
    JSON.parse(gArr).length,
    gArr.length,
    gObj.length,
  );
  const oldP = `SELECT count(*) FROM json_to_recordset($1::json) AS x(${pupilTypes.map((t, i) => `c${i} ${t}`).join(', ')})`;
  const newP = `SELECT count(*) FROM (${wireSelect(pupilTypes, '$1::jsonb')}) x`;
  const oldG = `SELECT count(*) FROM (SELECT * FROM json_to_recordset($1::json) AS x(${guardTypes.map((t, i) => `c${i} ${t}`).join(', ')})) s, ROWS FROM (jsonb_to_recordset(s.c3) AS (${gInner.map((t, i) => `c${i} ${t}`).join(', ')})) WITH ORDINALITY AS r`;
  const newG = `SELECT count(*) FROM (${wireSelect(guardTypes, '$1::jsonb')}) s, LATERAL (${wireSelect(gInner, 's.c3', { ordinality: true })}) r`;
  const t = async (sql: string, v: string) => {
    const s = performance.now();
    for (let i = 0; i < 10; i++) await db.query(sql, [v]);
    return (performance.now() - s) / 10;
  };
  const base = async (v: string) => t('SELECT length($1::text)', v);
  for (let k = 0; k < 4; k++) {
    console.log(
      `pupils: objects ${((await t(oldP, pObj)) - (await base(pObj))).toFixed(1)} ms, arrays ${((await t(newP, pArr)) - (await base(pArr))).toFixed(1)} ms;  guardians: objects ${((await t(oldG, gObj)) - (await base(gObj))).toFixed(1)} ms, arrays ${((await t(newG, gArr)) - (await base(gArr))).toFixed(1)} ms`,
    );
  }
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
void main();
