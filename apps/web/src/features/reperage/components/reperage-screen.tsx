import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { caseSourceLabels } from '@jasmin/shared/cases/schemas';
import type { pupilSearchItemSchema } from '@jasmin/shared/pupils/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ApiError } from '../../../lib/api-client';
import { formatIsoDate } from '../../../lib/format-date';
import { useDebouncedText } from '../../../lib/use-debounced-text';
import {
  MIN_SEARCH_LENGTH,
  useCreateAtRiskCase,
  usePupilSearch,
  type CreateAtRiskCase,
} from '../api/reperage';
import { FormButtons } from '../../../components/form-buttons';

type PupilItem = z.output<typeof pupilSearchItemSchema>;
type Source = CreateAtRiskCase['source'];

const nameOf = (p: PupilItem) => `${(p.usageName ?? p.familyName).toUpperCase()} ${p.firstName}`;

/** A leaver's school year: exits from September on belong to the year in progress. */
function leaverSourceOf(exitDate: string, today = new Date()): Source {
  const year = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  return exitDate >= `${year}-09-01` ? 'CURRENT_YEAR' : 'PREVIOUS_YEAR';
}

function FlagForm({ pupil, onCancel }: { pupil: PupilItem; onCancel: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useCreateAtRiskCase();
  const [source, setSource] = useState<Source>(
    pupil.exitDate ? leaverSourceOf(pupil.exitDate) : 'AT_RISK',
  );
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const serverErrors = create.error instanceof ApiError ? create.error.fieldErrors : undefined;
  const shownReasonError = reasonError ?? serverErrors?.reason?.join(' ');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Indiquez pourquoi cet élève doit être suivi.');
      return;
    }
    setReasonError(undefined);
    create.mutate(
      { pupilId: pupil.id, source, reason: reason.trim() },
      {
        onSuccess: (created) => {
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          void queryClient.invalidateQueries({ queryKey: ['pupils'] });
          void navigate(`/suivis/${created.id}`);
        },
      },
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={`Signaler ${nameOf(pupil)}`}
      className="fr-mt-2w"
    >
      {pupil.exitDate ? (
        <RadioButtons
          legend="Repérage"
          hintText={`Élève sorti le ${formatIsoDate(pupil.exitDate)}.`}
          name={`source-${pupil.id}`}
          options={(['PREVIOUS_YEAR', 'CURRENT_YEAR'] as const).map((s) => ({
            label: caseSourceLabels[s],
            nativeInputProps: { checked: source === s, onChange: () => setSource(s) },
          }))}
        />
      ) : (
        <p>
          Repérage : <strong>{caseSourceLabels.AT_RISK}</strong> (élève encore inscrit).
        </p>
      )}
      <Input
        label="Motif du signalement"
        hintText="Des faits observés (absences, désengagement…), sans donnée de santé ni de situation familiale."
        textArea
        state={shownReasonError ? 'error' : 'default'}
        stateRelatedMessage={shownReasonError}
        nativeTextAreaProps={{ value: reason, onChange: (e) => setReason(e.target.value), rows: 4 }}
      />
      {create.isError && (
        <Alert
          severity="error"
          small
          title="Signalement impossible"
          description={create.error.message}
          className="fr-mb-2w"
        />
      )}
      <FormButtons
        submitLabel={create.isPending ? 'Enregistrement…' : 'Signaler cet élève'}
        pending={create.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}

function PupilRow({
  pupil,
  open,
  onOpen,
  onClose,
}: {
  pupil: PupilItem;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  return (
    <li className="fr-py-2w">
      <p className="fr-mb-1v">
        <strong>{nameOf(pupil)}</strong> — né(e) le {formatIsoDate(pupil.birthDate)} — classe{' '}
        {pupil.division ?? 'inconnue'}
        {pupil.exitDate ? ` — sorti(e) le ${formatIsoDate(pupil.exitDate)}` : ' — inscrit(e)'}
      </p>
      {pupil.currentCaseId ? (
        <p className="fr-mb-0">
          Déjà suivi(e) cette année :{' '}
          <Link to={`/suivis/${pupil.currentCaseId}`}>ouvrir la fiche de {nameOf(pupil)}</Link>
        </p>
      ) : open ? (
        <FlagForm pupil={pupil} onCancel={onClose} />
      ) : (
        <Button size="small" priority="secondary" onClick={onOpen}>
          Signaler<span className="fr-sr-only"> {nameOf(pupil)}</span>
        </Button>
      )}
    </li>
  );
}

/** `/etablissements/:uai/reperage`: find an enrolled pupil and flag them by hand. */
export function ReperageScreen({
  uai,
  establishmentName,
}: {
  uai: string;
  establishmentName?: string;
}) {
  const [query, setQuery] = useState('');
  const [text, setText] = useDebouncedText(query, setQuery);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const search = usePupilSearch(uai, query);
  const tooShort = query.length < MIN_SEARCH_LENGTH;

  return (
    <div className="fr-container fr-my-6w">
      <title>{`Signaler un élève — ${establishmentName ?? uai} — Jasmin`}</title>
      <h1>Signaler un élève</h1>
      <p className="fr-text--lead">
        {establishmentName ?? uai} : repérez à la main un élève en cours de décrochage, ou un
        sortant que le croisement n’a pas listé.
      </p>
      <Input
        label="Rechercher un élève"
        hintText="Nom, prénom ou INE, 2 caractères au moins."
        nativeInputProps={{
          type: 'search',
          value: text,
          onChange: (e) => setText(e.target.value),
          autoComplete: 'off',
        }}
      />
      <div role="status" aria-live="polite">
        {tooShort && text.trim().length > 0 && <p>Saisissez au moins 2 caractères.</p>}
        {!tooShort && search.isFetching && <p>Recherche…</p>}
        {!tooShort && search.data && !search.isFetching && (
          <p>
            {search.data.items.length === 0
              ? 'Aucun élève trouvé.'
              : `${search.data.items.length} élève${search.data.items.length > 1 ? 's' : ''} trouvé${search.data.items.length > 1 ? 's' : ''}.`}
          </p>
        )}
      </div>
      {!tooShort && search.isError && (
        <Alert
          severity="error"
          small
          description={`Recherche impossible : ${search.error.message}`}
        />
      )}
      {!tooShort && search.data && search.data.items.length > 0 && (
        <ul className="fr-raw-list" aria-label="Élèves trouvés">
          {search.data.items.map((pupil) => (
            <PupilRow
              key={pupil.id}
              pupil={pupil}
              open={openId === pupil.id}
              onOpen={() => setOpenId(pupil.id)}
              onClose={() => setOpenId(undefined)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
