import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import {
  interviewChannelLabels,
  interviewReachedLabels,
  type CaseDetail,
} from '@jasmin/shared/cases/schemas';
import { useState } from 'react';
import { formatIsoDate } from '../../../lib/format-date';
import { formatDateTime } from '../utils/labels';
import { EditInterviewForm } from './interview-form';

type Interview = CaseDetail['interviews'][number];
type InterviewData = Interview['revisions'][number]['data'];

const sections: [keyof InterviewData, string][] = [
  ['observations', 'Observations'],
  ['trainingWish', 'Formation souhaitée'],
  ['trainingEstablishment', 'Établissement envisagé'],
  ['trainingStatus', 'Statut'],
  ['jobSought', 'Emploi recherché ou occupé'],
  ['jobContract', 'Type de contrat'],
  ['nextStep', 'Prochaine étape'],
];

function InterviewContent({ data }: { data: InterviewData }) {
  const filled = sections.filter(([field]) => data[field].trim() !== '');
  return (
    <dl className="jasmin-details">
      <div className="jasmin-details__row">
        <dt>Date</dt>
        <dd>{formatIsoDate(data.date)}</dd>
      </div>
      <div className="jasmin-details__row">
        <dt>Moyen de contact</dt>
        <dd>{interviewChannelLabels[data.channel]}</dd>
      </div>
      <div className="jasmin-details__row">
        <dt>Personne jointe</dt>
        <dd>{interviewReachedLabels[data.reached]}</dd>
      </div>
      {filled.map(([field, label]) => (
        <div key={field} className="jasmin-details__row">
          <dt>{label}</dt>
          <dd className="jasmin-pre-line">{data[field]}</dd>
        </div>
      ))}
    </dl>
  );
}

function InterviewItem({
  caseId,
  interview,
  canChange,
  setDirty,
  onDone,
}: {
  caseId: string;
  interview: Interview;
  canChange: boolean;
  setDirty: (formId: string, dirty: boolean) => void;
  onDone: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const title = `Entretien du ${formatIsoDate(interview.date)} — ${interviewChannelLabels[interview.channel]}`;
  return (
    <li className="jasmin-interview fr-mb-3w">
      <h4 className="fr-h6 fr-mb-1w">{title}</h4>
      <p className="fr-text--xs fr-mb-2w">
        Saisi par {interview.authorName} le {formatDateTime(interview.createdAt)}
        {interview.revisions.length > 0 && ` — corrigé le ${formatDateTime(interview.updatedAt)}`}
      </p>
      {editing ? (
        <EditInterviewForm
          caseId={caseId}
          interview={interview}
          setDirty={setDirty}
          onCancel={() => {
            setDirty(`entretien-${interview.id}`, false);
            setEditing(false);
          }}
          onDone={(message) => {
            setEditing(false);
            onDone(message);
          }}
        />
      ) : (
        <>
          <InterviewContent data={interview} />
          {canChange && (
            <Button
              priority="secondary"
              size="small"
              iconId="fr-icon-edit-line"
              onClick={() => setEditing(true)}
              title={`Corriger l’${title.charAt(0).toLowerCase()}${title.slice(1)}`}
            >
              Corriger
            </Button>
          )}
        </>
      )}
      {interview.revisions.length > 0 && (
        <Accordion
          className="fr-mt-2w"
          label={`Versions précédentes (${interview.revisions.length})`}
        >
          <ol className="jasmin-revisions">
            {[...interview.revisions]
              .sort((a, b) => b.version - a.version)
              .map((revision) => (
                <li key={revision.version}>
                  <p className="fr-text--sm fr-mb-1w">
                    <strong>Version {revision.version + 1}</strong>, remplacée le{' '}
                    {formatDateTime(revision.editedAt)} par {revision.editorName}
                  </p>
                  <InterviewContent data={revision.data} />
                </li>
              ))}
          </ol>
        </Accordion>
      )}
    </li>
  );
}

/** The recorded interviews, newest first; each can be corrected and keeps its past versions. */
export function InterviewsList({
  caseId,
  interviews,
  canChange,
  setDirty,
  onDone,
}: {
  caseId: string;
  interviews: Interview[];
  canChange: boolean;
  setDirty: (formId: string, dirty: boolean) => void;
  onDone: (message: string) => void;
}) {
  if (interviews.length === 0) return <p>Aucun entretien saisi pour l’instant.</p>;
  const sorted = [...interviews].sort((a, b) =>
    a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date),
  );
  return (
    <ul className="jasmin-plain-list">
      {sorted.map((interview) => (
        <InterviewItem
          key={interview.id}
          caseId={caseId}
          interview={interview}
          canChange={canChange}
          setDirty={setDirty}
          onDone={onDone}
        />
      ))}
    </ul>
  );
}
