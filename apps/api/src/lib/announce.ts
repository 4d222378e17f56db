import { DEMO_PASSWORD, demoAccounts, demoAcademy } from '../db/seed-demo';
import { roleLabels } from '@jasmin/shared/auth/schemas';

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
    lines.push('', `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
    for (const a of demoAccounts) {
      const where = a.uai ?? a.district ?? 'académie';
      lines.push(`    ${a.email.padEnd(28)} ${roleLabels[a.role]} — ${where}`);
    }
  }
  lines.push('', '  Arrêt : Ctrl+C', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
