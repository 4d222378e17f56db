import type { ImportRunView } from '@jasmin/shared/imports/schemas';

export const importStatusLabels: Record<ImportRunView['status'], string> = {
  queued: 'En attente',
  running: 'En cours',
  succeeded: 'Terminé',
  failed: 'Échec',
};

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** '2026-03-01T09:05:00.000Z' → '01/03/2026 10:05' (Paris time). */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** Share of the file read, 0–100; 0 while the total is not known yet. */
export function percentOf(progress: ImportRunView['progress']) {
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.round((progress.read / progress.total) * 100));
}

const count = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** '3 créés, 0 mis à jour, 1 inchangé, 2 rejetés'. */
export function summaryOf(report: ImportRunView['report']) {
  return [
    count(report.created, 'créé'),
    `${report.updated} mis à jour`,
    count(report.unchanged, 'inchangé'),
    count(report.rejected.length, 'rejeté'),
  ].join(', ');
}
