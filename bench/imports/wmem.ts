import { stageInWorker, closeStagePool } from '@jasmin/api/src/modules/imports/stage/stage-pool';
const mb = () => Math.round(process.memoryUsage().rss / 1048576);
async function main() {
  console.log('start', mb());
  let peak = 0; const t = setInterval(() => { peak = Math.max(peak, mb()); }, 20);
  const dir = '/tmp/jasmin-bench-imports/etablissements/0970001Z/';
  await stageInWorker('SIECLE_ELEVES', { filePath: dir + 'ElevesSansAdresses.xml', stagePath: '/tmp/prof/x.staged', onProgress: () => {} });
  console.log('after 1 file', mb(), 'peak', peak);
  for (let i = 0; i < 60; i++) await stageInWorker(i % 2 ? 'SIECLE_ELEVES' : 'SIECLE_RESPONSABLES', { filePath: dir + (i % 2 ? 'ElevesSansAdresses.xml' : 'ResponsablesAvecAdresses.xml'), stagePath: '/tmp/prof/x.staged', onProgress: () => {} });
  console.log('after 61 files', mb(), 'peak', peak, 'cpu', Math.round((process.cpuUsage().user+process.cpuUsage().system)/1000));
  await closeStagePool();
  clearInterval(t);
  console.log('closed', mb());
}
void main();
