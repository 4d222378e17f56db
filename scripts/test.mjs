// `npm test`: every test suite — unit and API (jest projects: shared, api, web), then the
// end-to-end specs in a real Chromium. `npm test -- --no-e2e` skips the browser.
import { existsSync } from 'node:fs';
import { bootstrap, run } from './bootstrap.mjs';

const args = process.argv.slice(2);
const skipE2e = args.includes('--no-e2e');
const jestArgs = args.filter((a) => a !== '--no-e2e');
const pnpm = bootstrap();
// PGlite and the WebAssembly schema engine are loaded with dynamic import() from CommonJS.
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ');
run(pnpm, ['exec', 'jest', ...jestArgs], { env: { ...process.env, NODE_OPTIONS: nodeOptions } });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (skipE2e) {
  console.log('\nTests de bout en bout ignorés (--no-e2e).');
} else if (!existsSync(chromium) && !process.env.JASMIN_REQUIRE_E2E) {
  console.log(`\nTests de bout en bout ignorés : Chromium introuvable (${chromium}).`);
  console.log('Installez-le avec « apt-get install chromium » puis relancez « npm test ».');
} else {
  run(pnpm, ['--filter', '@jasmin/e2e', 'test']);
}
