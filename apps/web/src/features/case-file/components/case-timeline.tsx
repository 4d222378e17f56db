import type { CaseDetail } from '@jasmin/shared/cases/schemas';
import { eventDetails, eventLabel, formatDateTime, statusLabel } from '../utils/labels';

/** Every recorded step of the case, newest first: what, who, when, from → to, and why. */
export function CaseTimeline({ timeline }: { timeline: CaseDetail['timeline'] }) {
  if (timeline.length === 0) return <p>Aucun événement enregistré.</p>;
  const sorted = [...timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="jasmin-timeline" aria-label="Historique du suivi, du plus récent au plus ancien">
      {sorted.map((entry) => {
        const from = statusLabel(entry.fromStatus);
        const to = statusLabel(entry.toStatus);
        const details = eventDetails(entry.kind, entry.details);
        return (
          <li key={entry.id} className="jasmin-timeline__item">
            <p className="fr-mb-0">
              <strong>{eventLabel(entry.kind)}</strong>
              {to && (
                <span className="fr-ml-1w">
                  {from ? `(${from} → ${to})` : `(${to})`}
                </span>
              )}
            </p>
            <p className="fr-text--xs fr-mb-1w">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.actorName ? ` — ${entry.actorName}` : ' — traitement automatique'}
            </p>
            {details.length > 0 && (
              <dl className="jasmin-details jasmin-details--compact">
                {details.map(([label, value]) => (
                  <div key={label} className="jasmin-details__row">
                    <dt>{label}</dt>
                    <dd className="jasmin-pre-line">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
