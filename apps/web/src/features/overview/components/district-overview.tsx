import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { caseStatusLabels, caseStatuses } from '@jasmin/shared/cases/transitions';
import type { DistrictOverview } from '@jasmin/shared/overview/schemas';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { useDistrictOverview, useOverviewDistricts } from '../api/get-district-overview';
import './district-overview.css';

function OverdueCount({ n, name }: { n: number; name: string }) {
  if (n === 0) return <span>0</span>;
  return (
    <Badge as="span" severity="warning" small>
      {n}
      <span className="fr-sr-only"> en retard à {name}</span>
    </Badge>
  );
}

function OverviewTable({ overview }: { overview: DistrictOverview }) {
  const totals = caseStatuses.map((s) =>
    overview.establishments.reduce((sum, e) => sum + e.counts[s], 0),
  );
  const total = overview.establishments.reduce((sum, e) => sum + e.total, 0);
  const overdue = overview.establishments.reduce((sum, e) => sum + e.overdue, 0);
  const overdueHeader = `En retard (plus de ${overview.overdueAfterDays} jours)`;
  return (
    <div className="fr-table fr-mb-3w jasmin-overview">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>
                Suivis de l’année {overview.schoolYear} par établissement — {overview.district.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Établissement</th>
                  {caseStatuses.map((s) => (
                    <th key={s} scope="col">
                      {caseStatusLabels[s]}
                    </th>
                  ))}
                  <th scope="col">Total</th>
                  <th scope="col">{overdueHeader}</th>
                </tr>
              </thead>
              <tbody>
                {overview.establishments.map((e) => (
                  <tr
                    key={e.id}
                    className={e.overdue > 0 ? 'jasmin-overview__row--overdue' : undefined}
                  >
                    <th scope="row">
                      <Link to={`/etablissements/${e.uai}/suivis?onglet=suivi`}>{e.name}</Link>
                      <br />
                      <span className="fr-text--xs">UAI {e.uai}</span>
                    </th>
                    {caseStatuses.map((s) => (
                      <td key={s}>{e.counts[s]}</td>
                    ))}
                    <td>{e.total}</td>
                    <td>
                      <OverdueCount n={e.overdue} name={e.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total du district</th>
                  {totals.map((n, i) => (
                    <td key={caseStatuses[i]}>{n}</td>
                  ))}
                  <td>{total}</td>
                  <td>{overdue}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * « Vue du district »: a coordinator sees their district; an administrator chooses one
 * (kept in the address, so the view can be bookmarked and shared).
 */
export function DistrictOverviewView({
  districtId,
  chooseDistrict,
}: {
  districtId: string | undefined;
  /** For administrators: the district choice and what to do when it changes. */
  chooseDistrict?: (id: string) => void;
}) {
  const districts = useOverviewDistricts({ enabled: chooseDistrict !== undefined });
  const overview = useDistrictOverview(districtId);
  const notFound = overview.error instanceof ApiError && overview.error.code === 'NOT_FOUND';

  return (
    <div className="fr-container fr-my-6w">
      <title>Vue du district — Jasmin</title>
      <h1>Vue du district</h1>
      <p className="fr-text--sm">
        Suivis de l’année scolaire en cours, par état. Un suivi est en retard lorsqu’il n’a eu aucun
        entretien depuis plus de {overview.data?.overdueAfterDays ?? 30} jours (ou depuis sa mise en
        place). Aucune donnée personnelle n’apparaît ici.
      </p>
      {chooseDistrict && (
        <Select
          label="District"
          nativeSelectProps={{
            value: districtId ?? '',
            onChange: (e) => chooseDistrict(e.target.value),
          }}
        >
          <option value="" disabled>
            Choisissez un district
          </option>
          {(districts.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </Select>
      )}
      {districts.isError && (
        <Alert
          severity="error"
          small
          description={`Districts indisponibles : ${districts.error.message}`}
        />
      )}
      {districtId === undefined && chooseDistrict && (
        <p>Choisissez un district pour afficher sa vue.</p>
      )}
      {overview.isFetching && !overview.data && (
        <p role="status">Chargement de la vue du district…</p>
      )}
      {notFound && (
        <Alert
          severity="error"
          small
          description="District introuvable : il n’existe pas ou ne fait pas partie de votre périmètre."
        />
      )}
      {overview.isError && !notFound && (
        <Alert
          severity="error"
          small
          description={`Vue du district indisponible : ${overview.error.message}`}
        />
      )}
      {overview.data && overview.data.establishments.length === 0 && (
        <p>Ce district n’a aucun établissement.</p>
      )}
      {overview.data && overview.data.establishments.length > 0 && (
        <OverviewTable overview={overview.data} />
      )}
    </div>
  );
}
