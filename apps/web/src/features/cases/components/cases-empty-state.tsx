import { Button } from '@codegouvfr/react-dsfr/Button';
import { caseTabLabels, type CaseTab } from '@jasmin/shared/cases/schemas';

/** French quotes, kept on the same line as what they quote. */
const quoted = (text: string) => `«\u00a0${text}\u00a0»`;

/** What an empty list means, and on the landing tab how to start. */
export function CasesEmptyState({
  tab,
  filtered,
  onTab,
  onClearFilters,
}: {
  tab: CaseTab;
  filtered: boolean;
  onTab: (tab: CaseTab) => void;
  onClearFilters: () => void;
}) {
  if (filtered) {
    return (
      <div className="fr-callout">
        <h3 className="fr-callout__title">Aucun élève ne correspond à votre recherche</h3>
        <p className="fr-callout__text">Vérifiez l’orthographe ou retirez un filtre.</p>
        <Button priority="secondary" onClick={onClearFilters}>
          Effacer la recherche et les filtres
        </Button>
      </div>
    );
  }
  if (tab === 'suivi') {
    return (
      <div className="fr-callout fr-icon-information-line">
        <h3 className="fr-callout__title">Aucun élève suivi pour l’instant</h3>
        <p className="fr-callout__text">
          Cet onglet se remplit quand l’établissement décide de suivre un élève repéré (fiche{' '}
          {quoted('choix')} : mettre le suivi en place). Pour commencer :
        </p>
        <ul className="fr-mb-2w">
          <li>
            importez les exports SIECLE de l’établissement : les élèves sortis sans diplôme ni
            solution connue apparaissent dans les onglets{' '}
            {quoted(caseTabLabels['reperage-annee-precedente'])} et{' '}
            {quoted(caseTabLabels['reperage-annee-en-cours'])}&nbsp;;
          </li>
          <li>
            ou repérez un élève à la main, encore inscrit mais qui décroche, dans l’onglet{' '}
            {quoted(caseTabLabels['en-cours-de-decrochage'])}.
          </li>
        </ul>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-0">
          <li>
            <Button priority="secondary" onClick={() => onTab('reperage-annee-precedente')}>
              Voir le repérage année précédente
            </Button>
          </li>
          <li>
            <Button priority="secondary" onClick={() => onTab('en-cours-de-decrochage')}>
              Voir les élèves en cours de décrochage
            </Button>
          </li>
        </ul>
      </div>
    );
  }
  return (
    <div className="fr-callout">
      <h3 className="fr-callout__title">Aucun élève dans cet onglet</h3>
      <p className="fr-callout__text">
        La liste {quoted(caseTabLabels[tab])} est vide pour cette année scolaire.
      </p>
    </div>
  );
}
