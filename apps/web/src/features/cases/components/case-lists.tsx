import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { caseTabLabels, caseTabs, type CaseTab } from '@jasmin/shared/cases/schemas';
import { isValidUai } from '@jasmin/shared/establishments/uai';
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadErrorAlert } from '../../../components/load-error-alert';
import { ApiError } from '../../../lib/api-client';
import { useCases } from '../api/get-cases';
import {
  hasFilters,
  readListParams,
  toListCasesQuery,
  writeListParams,
  type CaseListParams,
} from '../utils/list-params';
import './case-lists.css';
import { CasesEmptyState } from './cases-empty-state';
import { CasesFilters } from './cases-filters';
import { CasesLegend } from './cases-legend';
import { CasesTable } from './cases-table';
import { fichesBatchUrl } from '../../fiche-pdf/fiche-links';

function EstablishmentNotFound({ uai }: { uai: string }) {
  return (
    <div className="fr-container fr-my-6w">
      <title>Établissement introuvable — Jasmin</title>
      <h1>Établissement introuvable</h1>
      <p className="fr-text--lead">
        L’établissement {uai ? `« ${uai} » ` : ''}n’existe pas ou ne fait pas partie de votre
        périmètre.
      </p>
      <Link className="fr-btn" to="/">
        Retour à l’accueil
      </Link>
    </div>
  );
}

/**
 * The guide's tabs for one establishment. Tab, search, filters, sort and page all live in
 * the address bar: reloading or sharing the address shows the same list.
 */
export function CaseLists({
  uai,
  establishmentName,
}: {
  uai: string;
  establishmentName: string | undefined;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = readListParams(searchParams);
  const validUai = isValidUai(uai);
  const listQuery = toListCasesQuery(uai, params);
  const cases = useCases(listQuery, { enabled: validUai });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const update = (change: Partial<CaseListParams>, options: { replace?: boolean } = {}) => {
    setSearchParams(
      (current) => writeListParams({ ...readListParams(current), cursor: undefined, ...change }),
      options,
    );
  };
  const goToPage = (cursor: string | undefined) => {
    update({ cursor });
    headingRef.current?.focus();
  };

  if (!validUai || (cases.error instanceof ApiError && cases.error.code === 'NOT_FOUND')) {
    return <EstablishmentNotFound uai={uai} />;
  }

  const tabLabel = caseTabLabels[params.tab];
  const filtered = hasFilters(params);
  const name = establishmentName ?? `Établissement ${uai}`;

  return (
    <div className="fr-container fr-my-4w">
      <title>{`${tabLabel} — ${name} — Jasmin`}</title>
      <h1 className="fr-mb-1w">{name}</h1>
      <p className="fr-text--sm fr-mb-4w">
        UAI {uai} — repérage et suivi des élèves sortis sans diplôme ni solution
      </p>
      <Tabs
        label="Listes du guide"
        tabs={caseTabs.map((tab) => ({ tabId: tab, label: caseTabLabels[tab] }))}
        selectedTabId={params.tab}
        onTabChange={(tab) => update({ tab: tab as CaseTab })}
      >
        <h2 ref={headingRef} tabIndex={-1} className="fr-h4">
          {tabLabel}
        </h2>
        <CasesFilters params={params} onChange={(change) => update(change, { replace: true })} />
        <CasesLegend />
        {cases.isPending ? (
          <p role="status">Chargement de la liste…</p>
        ) : cases.isError && !cases.data ? (
          <LoadErrorAlert
            title="Impossible d’afficher la liste"
            message={cases.error.message}
            onRetry={() => void cases.refetch()}
          />
        ) : cases.data.items.length === 0 ? (
          <>
            <p role="status" className="fr-sr-only">
              Aucun élève
            </p>
            <CasesEmptyState
              tab={params.tab}
              filtered={filtered}
              onTab={(tab) => update({ tab })}
              onClearFilters={() =>
                update({ q: '', status: undefined, source: undefined, division: '' })
              }
            />
            {params.cursor && (
              <Button priority="secondary" className="fr-mt-2w" onClick={() => goToPage(undefined)}>
                Première page
              </Button>
            )}
          </>
        ) : (
          <>
            <p role="status" className="fr-text--sm fr-mb-1w">
              {cases.data.items.length} élève{cases.data.items.length > 1 ? 's' : ''} sur cette page
              {cases.isPlaceholderData ? ' (mise à jour…)' : ''}
            </p>
            <p className="fr-mb-2w">
              <a
                className="fr-btn fr-btn--secondary fr-btn--sm fr-btn--icon-left fr-icon-file-pdf-line"
                href={fichesBatchUrl(listQuery)}
                download
              >
                Imprimer les fiches entretien de la liste (PDF)
              </a>
            </p>
            <CasesTable
              items={cases.data.items}
              caption={`${tabLabel} : élèves de ${name}`}
              busy={cases.isPlaceholderData}
            />
            {(params.cursor || cases.data.nextCursor) && (
              <nav aria-label="Pages de la liste" className="jasmin-pager">
                {params.cursor && (
                  <Button
                    priority="secondary"
                    iconId="fr-icon-arrow-left-s-first-line"
                    onClick={() => goToPage(undefined)}
                  >
                    Première page
                  </Button>
                )}
                {cases.data.nextCursor && (
                  <Button
                    priority="secondary"
                    iconId="fr-icon-arrow-right-s-line"
                    iconPosition="right"
                    onClick={() => goToPage(cases.data.nextCursor ?? undefined)}
                  >
                    Page suivante
                  </Button>
                )}
              </nav>
            )}
          </>
        )}
      </Tabs>
    </div>
  );
}
