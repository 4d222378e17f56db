import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  caseSourceLabels,
  caseSourceSchema,
  caseSorts,
  caseSources,
} from '@jasmin/shared/cases/schemas';
import { caseStatusLabels, caseStatuses, caseStatusSchema } from '@jasmin/shared/cases/transitions';
import { z } from 'zod';
import { useDebouncedText } from '../../../lib/use-debounced-text';
import { sortLabels } from '../utils/labels';
import { hasFilters, type CaseListParams } from '../utils/list-params';

type Change = Partial<Omit<CaseListParams, 'tab' | 'cursor'>>;

const sortSchema = z.enum(caseSorts);

/** Search (debounced), filters and sort of a list; every change lands in the address bar. */
export function CasesFilters({
  params,
  onChange,
}: {
  params: CaseListParams;
  onChange: (change: Change) => void;
}) {
  const [q, setQ] = useDebouncedText(params.q, (value) => onChange({ q: value }));
  const [division, setDivision] = useDebouncedText(params.division, (value) =>
    onChange({ division: value }),
  );

  return (
    <div className="fr-mb-3w" role="search" aria-label="Rechercher et filtrer les élèves">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-4">
          <Input
            label="Rechercher un élève"
            hintText="Nom, prénom ou INE ; les accents sont ignorés."
            iconId="fr-icon-search-line"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              value: q,
              maxLength: 100,
              autoComplete: 'off',
              onChange: (e) => setQ(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-2">
          <Select
            label="Statut"
            nativeSelectProps={{
              name: 'statut',
              value: params.status ?? '',
              onChange: (e) =>
                onChange({ status: caseStatusSchema.safeParse(e.target.value).data }),
            }}
          >
            <option value="">Tous</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {caseStatusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-2">
          <Select
            label="Repérage"
            nativeSelectProps={{
              name: 'source',
              value: params.source ?? '',
              onChange: (e) =>
                onChange({ source: caseSourceSchema.safeParse(e.target.value).data }),
            }}
          >
            <option value="">Tous</option>
            {caseSources.map((s) => (
              <option key={s} value={s}>
                {caseSourceLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-2">
          <Input
            label="Classe"
            hintText="Ex. : 1PRO2"
            nativeInputProps={{
              name: 'classe',
              value: division,
              maxLength: 40,
              autoComplete: 'off',
              onChange: (e) => setDivision(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-lg-2">
          <Select
            label="Trier par"
            nativeSelectProps={{
              name: 'tri',
              value: params.sort,
              onChange: (e) =>
                onChange({ sort: sortSchema.safeParse(e.target.value).data ?? 'name' }),
            }}
          >
            {caseSorts.map((s) => (
              <option key={s} value={s}>
                {sortLabels[s]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {hasFilters(params) && (
        <Button
          priority="tertiary"
          size="small"
          iconId="fr-icon-close-line"
          onClick={() => onChange({ q: '', status: undefined, source: undefined, division: '' })}
        >
          Effacer la recherche et les filtres
        </Button>
      )}
    </div>
  );
}
