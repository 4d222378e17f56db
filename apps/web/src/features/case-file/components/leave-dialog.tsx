import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';

/**
 * Asks before leaving the page with unsaved input. DSFR's modal look, shown by React (DSFR's
 * own script is not needed): focus goes to « Rester sur la page », Échap stays.
 */
export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const stayRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    stayRef.current?.focus();
  }, []);
  return (
    <div
      className="fr-modal fr-modal--opened jasmin-leave-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="quitter-titre"
      aria-describedby="quitter-texte"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onStay();
      }}
    >
      <div className="fr-container fr-container--fluid fr-container-md">
        <div className="fr-grid-row fr-grid-row--center">
          <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
            <div className="fr-modal__body">
              <div className="fr-modal__content fr-pt-4w">
                <h2 id="quitter-titre" className="fr-modal__title">
                  <span className="fr-icon-warning-line fr-icon--lg" aria-hidden="true" /> Quitter
                  sans enregistrer ?
                </h2>
                <p id="quitter-texte">
                  Vous avez commencé une saisie sur cette fiche. Si vous quittez la page, elle sera
                  perdue.
                </p>
              </div>
              <div className="fr-modal__footer">
                <ul className="fr-btns-group fr-btns-group--right fr-btns-group--inline-reverse fr-btns-group--inline-lg">
                  <li>
                    <Button ref={stayRef} onClick={onStay}>
                      Rester sur la page
                    </Button>
                  </li>
                  <li>
                    <Button priority="secondary" onClick={onLeave}>
                      Quitter sans enregistrer
                    </Button>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
