import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  createInterviewSchema,
  interviewChannelLabels,
  interviewChannels,
  interviewReached,
  interviewReachedLabels,
  updateInterviewSchema,
  type CaseDetail,
} from '@jasmin/shared/cases/schemas';
import type { FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useCreateInterview, useUpdateInterview } from '../api/interviews';
import { apiFieldErrors, mutationErrorMessage, zodFieldErrors } from '../utils/form-errors';
import { useFormState, type FormState } from '../utils/use-form-state';
import { FormErrorAlert, RadioField, SelectField, TextField } from './form-fields';
import { FormButtons } from '../../../components/form-buttons';

type Interview = CaseDetail['interviews'][number];

export const INTERVIEW_FIELDS = [
  'date',
  'channel',
  'reached',
  'observations',
  'trainingWish',
  'trainingEstablishment',
  'trainingStatus',
  'jobSought',
  'jobContract',
  'nextStep',
] as const;

const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

const valuesOf = (interview?: Interview): Record<string, string> =>
  Object.fromEntries(
    INTERVIEW_FIELDS.map((f) => [f, interview ? interview[f] : f === 'date' ? today() : '']),
  );

/** The sections of the fiche entretien, as on the printed form. */
function InterviewFields({ form }: { form: FormState }) {
  return (
    <>
      <fieldset className="fr-fieldset jasmin-interview-section">
        <legend className="fr-fieldset__legend">1. Détails de l’entretien</legend>
        <div className="fr-fieldset__element">
          <TextField form={form} field="date" label="Date de l’entretien" textArea={false} type="date" required />
        </div>
        <div className="fr-fieldset__element">
          <SelectField
            form={form}
            field="channel"
            label="Moyen de contact"
            options={interviewChannels.map((c) => ({ value: c, label: interviewChannelLabels[c] }))}
          />
        </div>
        <div className="fr-fieldset__element">
          <RadioField
            form={form}
            field="reached"
            label="Personne jointe"
            inline
            options={interviewReached.map((r) => ({ value: r, label: interviewReachedLabels[r] }))}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset jasmin-interview-section">
        <legend className="fr-fieldset__legend">2. Observations</legend>
        <div className="fr-fieldset__element">
          <TextField
            form={form}
            field="observations"
            label="Observations (facultatif)"
            hint="Des faits seulement : le jeune peut lire sa fiche."
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset jasmin-interview-section">
        <legend className="fr-fieldset__legend">3. Suite de formation</legend>
        <div className="fr-fieldset__element">
          <TextField form={form} field="trainingWish" label="Formation souhaitée (facultatif)" textArea={false} />
        </div>
        <div className="fr-fieldset__element">
          <TextField form={form} field="trainingEstablishment" label="Établissement envisagé (facultatif)" textArea={false} />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            form={form}
            field="trainingStatus"
            label="Statut (facultatif)"
            hint="Scolaire, apprenti, stagiaire de la formation professionnelle…"
            textArea={false}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset jasmin-interview-section">
        <legend className="fr-fieldset__legend">4. Vie active</legend>
        <div className="fr-fieldset__element">
          <TextField form={form} field="jobSought" label="Emploi recherché ou occupé (facultatif)" textArea={false} />
        </div>
        <div className="fr-fieldset__element">
          <TextField
            form={form}
            field="jobContract"
            label="Type de contrat (facultatif)"
            hint="CDI, CDD, intérim, service civique…"
            textArea={false}
          />
        </div>
      </fieldset>
      <fieldset className="fr-fieldset jasmin-interview-section">
        <legend className="fr-fieldset__legend">Suite à donner</legend>
        <div className="fr-fieldset__element">
          <TextField form={form} field="nextStep" label="Prochaine étape (facultatif)" />
        </div>
      </fieldset>
    </>
  );
}

function failWith(form: FormState, error: unknown) {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    const { fields, others } = apiFieldErrors(error, INTERVIEW_FIELDS);
    if (Object.keys(fields).length > 0 && others.length === 0) form.fail(fields, null);
    else form.fail(fields, { title: 'Vérifiez les champs signalés', messages: [error.message, ...others] });
    return;
  }
  const { title, message } = mutationErrorMessage(error);
  form.fail({}, { title, messages: [message] });
}

const stopEvent = (run: () => void) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  run();
};

/** Fiche « suivi »: a new interview, validated with the shared schema. */
export function NewInterviewForm({
  caseId,
  setDirty,
  onDone,
}: {
  caseId: string;
  setDirty: (formId: string, dirty: boolean) => void;
  onDone: (message: string) => void;
}) {
  const form = useFormState({
    formId: 'nouvel-entretien',
    fieldOrder: INTERVIEW_FIELDS,
    initial: valuesOf(),
    setDirty,
  });
  const mutation = useCreateInterview(caseId);
  const submit = () => {
    const parsed = createInterviewSchema.safeParse(form.values);
    if (!parsed.success) {
      form.fail(zodFieldErrors(parsed.error), null);
      return;
    }
    form.clearErrors();
    mutation.mutate(parsed.data, {
      onSuccess: () => {
        form.reset(valuesOf());
        onDone('L’entretien est enregistré.');
      },
      onError: (error) => failWith(form, error),
    });
  };
  return (
    <form noValidate aria-labelledby="nouvel-entretien-titre" onSubmit={stopEvent(submit)}>
      <h3 id="nouvel-entretien-titre" className="fr-h5">
        Saisir un entretien (fiche « suivi »)
      </h3>
      <FormErrorAlert form={form} />
      <p className="fr-hint-text">Les champs sans mention « facultatif » sont obligatoires.</p>
      <InterviewFields form={form} />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Enregistrement…' : 'Enregistrer l’entretien'}
      </Button>
    </form>
  );
}

/** Correcting an interview: only the changed fields are sent, with the version that was read. */
export function EditInterviewForm({
  caseId,
  interview,
  setDirty,
  onDone,
  onCancel,
}: {
  caseId: string;
  interview: Interview;
  setDirty: (formId: string, dirty: boolean) => void;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const formId = `entretien-${interview.id}`;
  const form = useFormState({ formId, fieldOrder: INTERVIEW_FIELDS, initial: valuesOf(interview), setDirty });
  const mutation = useUpdateInterview(caseId);
  const submit = () => {
    const before = valuesOf(interview);
    const changes = Object.fromEntries(
      INTERVIEW_FIELDS.filter((f) => form.values[f] !== before[f]).map((f) => [f, form.values[f]]),
    );
    const parsed = updateInterviewSchema.safeParse({ ...changes, version: interview.version });
    if (!parsed.success) {
      form.fail(zodFieldErrors(parsed.error), null);
      return;
    }
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    form.clearErrors();
    mutation.mutate(
      { interviewId: interview.id, body: parsed.data },
      {
        onSuccess: () => {
          setDirty(formId, false);
          onDone('La correction de l’entretien est enregistrée ; la version précédente est conservée.');
        },
        onError: (error) => failWith(form, error),
      },
    );
  };
  return (
    <form noValidate aria-label="Corriger l’entretien" onSubmit={stopEvent(submit)}>
      <FormErrorAlert form={form} />
      <InterviewFields form={form} />
      <FormButtons
        submitLabel={mutation.isPending ? 'Enregistrement…' : 'Enregistrer la correction'}
        pending={mutation.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
