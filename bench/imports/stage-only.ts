// Experiment: the staging worker's work alone (no database), on the first N establishments.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stagers } from '@jasmin/api/src/modules/imports/stage/stagers';
import { openInput } from '@jasmin/api/src/modules/imports/parsers/open-input';
import { parseSiecleElevesBatches } from '@jasmin/api/src/modules/imports/parsers/siecle-eleves';
import { parseSiecleResponsablesBatches } from '@jasmin/api/src/modules/imports/parsers/siecle-responsables';

const dir = '/tmp/jasmin-bench-imports/etablissements';
const n = Number(process.argv[2] ?? 30);
const mode = process.argv[3] ?? 'stage';
async function main() {
  const uais = readdirSync(dir).sort().slice(1, n + 1);
  for (const [file, kind, parse] of [['ElevesSansAdresses.xml', 'SIECLE_ELEVES', parseSiecleElevesBatches], ['ResponsablesAvecAdresses.xml', 'SIECLE_RESPONSABLES', parseSiecleResponsablesBatches]] as const) {
    const t = performance.now();
    const c = process.cpuUsage();
    for (const uai of uais) {
      const filePath = join(dir, uai, file);
      if (mode === 'parse') {
        const input = await openInput(filePath, 'xml');
        for await (const _ of (parse as (b: AsyncIterable<Uint8Array>) => AsyncGenerator<unknown>)(input.bytes)) void _;
      } else {
        await stagers[kind as 'SIECLE_ELEVES']({ filePath, stagePath: `/tmp/prof/${uai}.staged`, onProgress: () => {} });
      }
    }
    const u = process.cpuUsage(c);
    console.log(`${mode} ${kind}: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((u.user + u.system) / 1e6).toFixed(2)} s cpu`);
  }
}
void main();
