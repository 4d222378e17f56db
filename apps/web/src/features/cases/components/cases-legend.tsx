import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { displayStates } from '@jasmin/shared/cases/schemas';
import { displayStateStyles } from '../utils/labels';

/** The colour code explained above the table, with the same badges as the rows. */
export function CasesLegend() {
  return (
    <section aria-labelledby="legende-suivis" className="fr-mb-3w">
      <h3 id="legende-suivis" className="fr-text--md fr-mb-1w">
        Légende
      </h3>
      <ul className="jasmin-legend fr-text--sm fr-mb-0">
        {displayStates.map((state) => {
          const style = displayStateStyles[state];
          return (
            <li key={state}>
              <Badge as="span" small noIcon severity={style.severity}>
                {style.badge}
              </Badge>
              <span>
                <span className={`jasmin-case-name ${style.nameClass}`} aria-hidden="true">
                  Nom Prénom
                </span>{' '}
                — {style.legend}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
