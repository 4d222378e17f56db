import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { CaseListItem } from '@jasmin/shared/cases/schemas';
import { caseStatusLabels } from '@jasmin/shared/cases/transitions';
import { Link } from 'react-router';
import { formatIsoDate } from '../../../lib/format-date';
import { FichePdfIconLink } from '../../fiche-pdf/fiche-links';
import { displayStateStyles, lastActionLabel, pupilName } from '../utils/labels';

function Missing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="fr-sr-only">{label}</span>
    </>
  );
}

function FollowUpCell({ followUp }: { followUp: CaseListItem['establishmentFollowUp'] }) {
  const action = lastActionLabel(followUp.lastActionType);
  if (!action && !followUp.lastInterviewDate) return <Missing label="Aucune action" />;
  return (
    <div className="jasmin-case-cell">
      {action && <span>{action}</span>}
      {followUp.lastInterviewDate && (
        <span className="fr-text--xs fr-mb-0">
          Dernier entretien le {formatIsoDate(followUp.lastInterviewDate)}
        </span>
      )}
    </div>
  );
}

/** One page of cases; the name opens the pupil's file. */
export function CasesTable({
  items,
  caption,
  busy,
}: {
  items: CaseListItem[];
  caption: string;
  busy: boolean;
}) {
  return (
    <div className="fr-table fr-table--no-caption fr-mb-2w" aria-busy={busy || undefined}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Date de naissance</th>
                  <th scope="col">Classe</th>
                  <th scope="col">Date de sortie</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Suivi établissement</th>
                  <th scope="col">Fiche entretien</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const style = displayStateStyles[item.displayState];
                  return (
                    <tr key={item.id} data-display-state={item.displayState}>
                      <th scope="row">
                        <div className="jasmin-case-cell">
                          <Link
                            to={`/suivis/${item.id}`}
                            className={`jasmin-case-name ${style.nameClass}`}
                          >
                            {pupilName(item.pupil)}
                          </Link>
                          <Badge as="span" small noIcon severity={style.severity}>
                            {style.badge}
                          </Badge>
                          {item.suggestion && (
                            <span className="fr-text--xs fr-mb-0 jasmin-suggestion">
                              <Badge as="span" small severity="new">
                                Suggestion
                              </Badge>{' '}
                              {item.suggestion}
                            </span>
                          )}
                        </div>
                      </th>
                      <td>{formatIsoDate(item.pupil.birthDate)}</td>
                      <td>{item.division ?? <Missing label="Classe inconnue" />}</td>
                      <td>
                        {item.exitDate ? (
                          formatIsoDate(item.exitDate)
                        ) : (
                          <Missing label="Pas de date de sortie" />
                        )}
                      </td>
                      <td>{caseStatusLabels[item.status]}</td>
                      <td>
                        <FollowUpCell followUp={item.establishmentFollowUp} />
                      </td>
                      <td>
                        <FichePdfIconLink caseId={item.id} pupilName={pupilName(item.pupil)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
