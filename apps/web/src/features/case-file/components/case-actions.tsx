import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CaseDetail } from '@jasmin/shared/cases/schemas';
import {
  caseStatusLabels,
  solutionKindLabels,
  solutionKinds,
  stopReasonLabels,
  stopReasons,
  transferPlatformLabels,
  transferPlatforms,
  transitionKind,
  transitionPayloadSchemas,
  type CaseStatus,
  type TransitionKind,
} from '@jasmin/shared/cases/transitions';
import type { FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useTransitionCase } from '../api/transition-case';
import { apiFieldErrors, mutationErrorMessage, zodFieldErrors } from '../utils/form-errors';
import { transitionActionLabels } from '../utils/labels';
import { useFormState, type FormState } from '../utils/use-form-state';
import { FormErrorAlert, RadioField, SelectField, TextField } from './form-fields';

type SetDirty = (formId: string, dirty: boolean) => void;
type Common = { detail: CaseDetail; setDirty: SetDirty; onDone: (message: string) => void };

const FIELDS: Record<TransitionKind, readonly string[]> = {
  NOT_FOLLOW: ['comment'],
  START_FOLLOW_UP: ['comment'],
  CLOSE_WITH_SOLUTION: ['solutionKind', 'details'],
  TRANSFER: ['platform', 'message'],
  STOP: ['stopReason', 'text'],
  REOPEN: ['reason'],
};

const emptyValues = (fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, ''])) as Record<string, string>;

/** The legal moves of this case: the API's answer, each with its kind from the shared table. */
export function legalActions(detail: CaseDetail): Map<TransitionKind, CaseStatus> {
  const actions = new Map<TransitionKind, CaseStatus>();
  for (const to of detail.allowedTransitions) {
    const kind = transitionKind(detail.status, to);
    if (kind) actions.set(kind, to);
  }
  return actions;
}

/**
 * Validates with the shared payload schema, then sends `{ to, version, ...payload }` with the
 * version of the case on screen. Errors keep the typed values.
 */
function useTransitionSubmit(form: FormState, { detail, onDone }: Common) {
  const mutation = useTransitionCase(detail.id);
  const submit = (kind: TransitionKind, to: CaseStatus) => {
    const fields = FIELDS[kind];
    const parsed = transitionPayloadSchemas[kind].safeParse(
      Object.fromEntries(fields.map((f) => [f, form.values[f] ?? ''])),
    );
    if (!parsed.success) {
      form.fail(zodFieldErrors(parsed.error), null);
      return;
    }
    // An optional comment left empty is not sent.
    const payload = Object.fromEntries(
      Object.entries(parsed.data).filter(([, value]) => value !== ''),
    );
    form.clearErrors();
    mutation.mutate(
      { to, version: detail.version, ...payload },
      {
        onSuccess: () => {
          form.reset(emptyValues(fields));
          onDone(`${transitionActionLabels[kind]} : c’est enregistré. Le suivi est maintenant « ${caseStatusLabels[to]} ».`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
            const { fields: byField, others } = apiFieldErrors(error, fields);
            if (Object.keys(byField).length > 0 && others.length === 0) {
              form.fail(byField, null);
              return;
            }
            form.fail(byField, { title: 'Vérifiez les champs signalés', messages: [error.message, ...others] });
            return;
          }
          const { title, message } = mutationErrorMessage(error);
          form.fail({}, { title, messages: [message] });
        },
      },
    );
  };
  return { submit, pending: mutation.isPending };
}

const onSubmitOf = (run: () => void) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  run();
};

/** Fiche « choix »: ne pas suivre (comment), or put the follow-up in place. */
function ChoiceForm({ actions, ...common }: Common & { actions: Map<TransitionKind, CaseStatus> }) {
  const form = useFormState({
    formId: 'fiche-choix',
    fieldOrder: FIELDS.NOT_FOLLOW,
    initial: emptyValues(FIELDS.NOT_FOLLOW),
    setDirty: common.setDirty,
  });
  const { submit, pending } = useTransitionSubmit(form, common);
  const notFollow = actions.get('NOT_FOLLOW');
  const start = actions.get('START_FOLLOW_UP');
  return (
    <section aria-labelledby="fiche-choix-titre" className="fr-mb-4w">
      <h3 id="fiche-choix-titre" className="fr-h5">
        Fiche « choix »
      </h3>
      <p className="fr-text--sm">
        Si la solution de l’élève est connue avec certitude, choisissez « Ne pas suivre » (avec un
        commentaire si besoin). Si sa situation est incertaine, mettez le suivi en place.
      </p>
      <form noValidate aria-labelledby="fiche-choix-titre" onSubmit={onSubmitOf(() => undefined)}>
        <FormErrorAlert form={form} />
        <TextField
          form={form}
          field="comment"
          label="Commentaire (facultatif)"
          hint="Par exemple : la solution connue. Restez factuel : l’élève peut lire sa fiche."
        />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {start && (
            <li>
              <Button type="button" disabled={pending} onClick={() => submit('START_FOLLOW_UP', start)}>
                {transitionActionLabels.START_FOLLOW_UP}
              </Button>
            </li>
          )}
          {notFollow && (
            <li>
              <Button
                type="button"
                priority="secondary"
                disabled={pending}
                onClick={() => submit('NOT_FOLLOW', notFollow)}
              >
                {transitionActionLabels.NOT_FOLLOW}
              </Button>
            </li>
          )}
        </ul>
      </form>
    </section>
  );
}

/** Generic one-kind form: fields, then the submit button. */
function OneKindForm({
  kind,
  to,
  formId,
  title,
  intro,
  headingLevel,
  renderFields,
  ...common
}: Common & {
  kind: TransitionKind;
  to: CaseStatus;
  formId: string;
  title: string;
  intro?: string;
  headingLevel: 3 | 4;
  renderFields: (form: FormState) => React.ReactNode;
}) {
  const form = useFormState({
    formId,
    fieldOrder: FIELDS[kind],
    initial: emptyValues(FIELDS[kind]),
    setDirty: common.setDirty,
  });
  const { submit, pending } = useTransitionSubmit(form, common);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section aria-labelledby={`${formId}-titre`} className="fr-mb-4w">
      <Heading id={`${formId}-titre`} className={headingLevel === 3 ? 'fr-h5' : 'fr-h6'}>
        {title}
      </Heading>
      {intro && <p className="fr-text--sm">{intro}</p>}
      <form noValidate aria-labelledby={`${formId}-titre`} onSubmit={onSubmitOf(() => submit(kind, to))}>
        <FormErrorAlert form={form} />
        <p className="fr-hint-text">Les champs sans mention « facultatif » sont obligatoires.</p>
        {renderFields(form)}
        <Button type="submit" disabled={pending}>
          {pending ? 'Enregistrement…' : transitionActionLabels[kind]}
        </Button>
      </form>
    </section>
  );
}

/** The actions the API allows on this case, and only those. */
export function CaseActions(common: Common) {
  const actions = legalActions(common.detail);
  const key = common.detail.id;
  if (actions.size === 0) {
    return <p>Aucune action n’est possible sur ce suivi pour le moment.</p>;
  }
  const solution = actions.get('CLOSE_WITH_SOLUTION');
  const transfer = actions.get('TRANSFER');
  const stop = actions.get('STOP');
  const reopen = actions.get('REOPEN');
  return (
    <>
      {(actions.has('NOT_FOLLOW') || actions.has('START_FOLLOW_UP')) && (
        <ChoiceForm key={`${key}-choix`} actions={actions} {...common} />
      )}
      {solution && (
        <OneKindForm
          key={`${key}-solution`}
          {...common}
          kind="CLOSE_WITH_SOLUTION"
          to={solution}
          formId="bloc-solution"
          title="Bloc Solution"
          intro="Une solution est trouvée : l’élève passe dans « Solutions trouvées »."
          headingLevel={3}
          renderFields={(form) => (
            <>
              <RadioField
                form={form}
                field="solutionKind"
                label="Type de solution"
                inline
                options={solutionKinds.map((k) => ({ value: k, label: solutionKindLabels[k] }))}
              />
              <TextField
                form={form}
                field="details"
                label="Précisions sur la solution"
                hint="Formation et établissement, ou emploi et type de contrat."
              />
            </>
          )}
        />
      )}
      {(transfer || stop) && (
        <section aria-labelledby="bloc-decision-titre">
          <h3 id="bloc-decision-titre" className="fr-h5">
            Bloc Décision
          </h3>
          <p className="fr-text--sm">
            L’établissement met fin à son suivi : transfert à une plate-forme, ou arrêt du suivi.
          </p>
          {transfer && (
            <OneKindForm
              key={`${key}-transfert`}
              {...common}
              kind="TRANSFER"
              to={transfer}
              formId="transfert"
              title="Transfert"
              headingLevel={4}
              renderFields={(form) => (
                <>
                  <RadioField
                    form={form}
                    field="platform"
                    label="Plate-forme qui reçoit le transfert"
                    hint="Le PAE (pôle emploi) est réservé d’abord aux jeunes diplômés qui cherchent un premier emploi."
                    options={transferPlatforms.map((p) => ({
                      value: p,
                      label: transferPlatformLabels[p],
                    }))}
                  />
                  <TextField
                    form={form}
                    field="message"
                    label="Message pour la plate-forme"
                    hint="Ce que la plate-forme doit savoir pour reprendre le suivi."
                  />
                </>
              )}
            />
          )}
          {stop && (
            <OneKindForm
              key={`${key}-arret`}
              {...common}
              kind="STOP"
              to={stop}
              formId="arret"
              title="Arrêt du suivi"
              headingLevel={4}
              renderFields={(form) => (
                <>
                  <SelectField
                    form={form}
                    field="stopReason"
                    label="Motif de l’arrêt"
                    options={stopReasons.map((r) => ({ value: r, label: stopReasonLabels[r] }))}
                  />
                  <TextField form={form} field="text" label="Explication" />
                </>
              )}
            />
          )}
        </section>
      )}
      {reopen && (
        <OneKindForm
          key={`${key}-reouverture`}
          {...common}
          kind="REOPEN"
          to={reopen}
          formId="reouverture"
          title="Rouvrir le suivi"
          intro="Le suivi est clos. Il ne peut être rouvert qu’avec un motif, qui reste dans l’historique."
          headingLevel={3}
          renderFields={(form) => (
            <TextField form={form} field="reason" label="Motif de la réouverture" />
          )}
        />
      )}
    </>
  );
}
