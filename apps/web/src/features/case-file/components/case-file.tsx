import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { caseSourceLabels, type CaseDetail } from '@jasmin/shared/cases/schemas';
import { caseStatusLabels } from '@jasmin/shared/cases/transitions';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ficheEntretienUrl } from '../../fiche-pdf/fiche-links';
import { useUnsavedChanges } from '../utils/use-unsaved-changes';
import { displayStateStyles, pupilFullName } from '../utils/labels';
import { CaseActions } from './case-actions';
import './case-file.css';
import { CaseTimeline } from './case-timeline';
import { NewInterviewForm } from './interview-form';
import { InterviewsList } from './interviews-list';
import { LeaveDialog } from './leave-dialog';
import { GuardiansDetails, PupilDetails } from './pupil-details';

/** The pupil's file once loaded: situation, legal actions, fiche « suivi », SIECLE data, timeline. */
export function CaseFile({
  detail,
  refreshing,
  canChange,
}: {
  detail: CaseDetail;
  refreshing: boolean;
  /** False for roles that only read cases (coordinators): no form is offered. */
  canChange: boolean;
}) {
  const { setDirty, blocker } = useUnsavedChanges();
  const [done, setDone] = useState<{ message: string } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const name = pupilFullName(detail.pupil);
  const style = displayStateStyles[detail.displayState];
  const onDone = (message: string) => setDone({ message });

  return (
    <div className="fr-container fr-my-4w" aria-busy={refreshing || undefined}>
      <title>{`${name} — Fiche de l’élève — Jasmin`}</title>
      <Link
        className="fr-link fr-icon-arrow-left-line fr-link--icon-left fr-mb-2w"
        to={`/etablissements/${detail.establishment.uai}/suivis`}
      >
        Retour aux listes de l’établissement
      </Link>
      <h1 className={`fr-mt-2w fr-mb-1w jasmin-file-name ${style.nameClass}`}>{name}</h1>
      <p className="jasmin-badges fr-mb-2w">
        <Badge as="span" severity={style.severity} noIcon>
          {caseStatusLabels[detail.status]}
        </Badge>
        <Badge as="span" small noIcon>
          {caseSourceLabels[detail.source]}
        </Badge>
      </p>
      <p className="fr-text--sm fr-mb-3w">
        {detail.establishment.name} (UAI {detail.establishment.uai}) — année scolaire{' '}
        {detail.schoolYear}
        <span className="fr-sr-only"> — code couleur du nom : {style.badge}</span>
      </p>

      <div aria-live="polite">
        {done && (
          <div ref={doneRef} tabIndex={-1} className="fr-mb-3w">
            <Alert
              severity="success"
              small
              description={done.message}
              closable
              onClose={() => setDone(null)}
            />
          </div>
        )}
      </div>
      {refreshing && (
        <p role="status" className="fr-text--xs">
          Mise à jour de la fiche…
        </p>
      )}

      {detail.suggestion && (
        <CallOut title="Suggestion à vérifier" iconId="fr-icon-lightbulb-line" className="fr-mb-3w">
          {detail.suggestion}
        </CallOut>
      )}
      {detail.atRiskReason && (
        <CallOut title="Motif du repérage" iconId="fr-icon-info-line" className="fr-mb-3w">
          {detail.atRiskReason}
        </CallOut>
      )}

      <ul className="jasmin-plain-list jasmin-pdf-links fr-mb-4w">
        <li>
          <a
            className="fr-link fr-icon-file-pdf-line fr-link--icon-left"
            href={ficheEntretienUrl(detail.id)}
            download
          >
            Fiche entretien (PDF)
          </a>
        </li>
        {detail.interviews.length > 0 && (
          <li>
            <a
              className="fr-link fr-icon-file-pdf-line fr-link--icon-left"
              href={ficheEntretienUrl(detail.id, { filled: true })}
              download
            >
              Dossier rempli (PDF)
            </a>
          </li>
        )}
      </ul>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          {canChange ? (
            <section aria-labelledby="actions-titre" className="fr-mb-6w">
              <h2 id="actions-titre" className="fr-h3">
                Décider du suivi
              </h2>
              <CaseActions detail={detail} setDirty={setDirty} onDone={onDone} />
            </section>
          ) : (
            <CallOut title="Consultation" iconId="fr-icon-eye-line" className="fr-mb-6w">
              Les décisions et les entretiens sont saisis par l’établissement. Vous consultez cette
              fiche en lecture seule.
            </CallOut>
          )}

          {canChange && detail.status === 'FOLLOW_UP' && (
            <section aria-labelledby="fiche-suivi-titre" className="fr-mb-6w">
              <h2 id="fiche-suivi-titre" className="fr-h3">
                Fiche « suivi »
              </h2>
              <NewInterviewForm
                key={detail.id}
                caseId={detail.id}
                setDirty={setDirty}
                onDone={onDone}
              />
            </section>
          )}

          <section aria-labelledby="entretiens-titre" className="fr-mb-6w">
            <h2 id="entretiens-titre" className="fr-h3">
              Entretiens ({detail.interviews.length})
            </h2>
            <InterviewsList
              caseId={detail.id}
              interviews={detail.interviews}
              canChange={canChange}
              setDirty={setDirty}
              onDone={onDone}
            />
          </section>

          <section aria-labelledby="historique-titre" className="fr-mb-6w">
            <h2 id="historique-titre" className="fr-h3">
              Historique
            </h2>
            <CaseTimeline timeline={detail.timeline} />
          </section>
        </div>

        <div className="fr-col-12 fr-col-lg-5">
          <section aria-labelledby="siecle-titre" className="fr-mb-6w">
            <h2 id="siecle-titre" className="fr-h3">
              Données SIECLE de l’élève
            </h2>
            <PupilDetails pupil={detail.pupil} />
          </section>
          <section aria-labelledby="responsables-titre" className="fr-mb-6w">
            <h2 id="responsables-titre" className="fr-h3">
              Responsables
            </h2>
            <GuardiansDetails guardians={detail.guardians} />
          </section>
        </div>
      </div>

      {blocker.state === 'blocked' && (
        <LeaveDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />
      )}
    </div>
  );
}
