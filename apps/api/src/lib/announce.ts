import { demoAcademy } from '../db/seed-demo';

/** What `npm start` prints once the server listens: where to go and what is loaded. */
export function announce(opts: { port: number; database: 'embedded' | 'postgres'; dataDir: string | undefined; demoLoaded: boolean }): void {
  const lines = [
    '',
    '  Jasmin est prêt.',
    '',
    `  → Application : http://localhost:${opts.port}`,
    `  → État de l'API : http://localhost:${opts.port}/api/health`,
    `  → Base de données : ${opts.database === 'embedded' ? `PostgreSQL embarqué (${opts.dataDir})` : 'serveur PostgreSQL (DATABASE_URL)'}`,
  ];
  if (opts.demoLoaded) {
    lines.push('', `  Données de démonstration : ${demoAcademy.name}`);
    for (const d of demoAcademy.districts) {
      lines.push(`    ${d.name}`);
      for (const e of d.establishments) lines.push(`      ${e.uai}  ${e.name}`);
    }
  }
  lines.push('', '  Arrêt : Ctrl+C', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
