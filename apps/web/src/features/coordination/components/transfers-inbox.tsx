import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { returnTransferSchema, type transferSchema } from '@jasmin/shared/cases/schemas';
import { transferPlatformLabels } from '@jasmin/shared/cases/transitions';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { formatIsoDate } from '../../../lib/format-date';
import { usePendingTransfers, useTransferDecision } from '../api/transfers';
import './coordination.css';

type Transfer = z.output<typeof transferSchema>;

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

const nameOf = (t: Transfer) =>
  `${(t.pupil.usageName ?? t.pupil.familyName).toUpperCase()} ${t.pupil.firstName}`;

type Notice = { severity: 'success' | 'error'; text: string };

function TransferCard({
  transfer,
  onDone,
}: {
  transfer: Transfer;
  onDone: (notice: Notice) => void;
}) {
  const { accept, giveBack } = useTransferDecision();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const name = nameOf(transfer);
  const busy = accept.isPending || giveBack.isPending;
  const onError = (error: Error) =>
    onDone({ severity: 'error', text: `Transfert de ${name} : ${error.message}` });
  const headingId = `transfer-${transfer.id}`;

  const onReturn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = returnTransferSchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message);
      return;
    }
    setReasonError(undefined);
    giveBack.mutate(
      { id: transfer.id, reason: parsed.data.reason },
      {
        onSuccess: () =>
          onDone({ severity: 'success', text: `Transfert de ${name} renvoyé à l’établissement.` }),
        onError,
      },
    );
  };

  return (
    <article className="jasmin-transfer" aria-labelledby={headingId}>
      <h2 id={headingId} className="fr-h5">
        {name}
      </h2>
      <dl>
        <dt>Établissement</dt>
        <dd>{transfer.establishmentName}</dd>
        <dt>Né(e) le</dt>
        <dd>{formatIsoDate(transfer.pupil.birthDate)}</dd>
        <dt>Plate-forme</dt>
        <dd>{transferPlatformLabels[transfer.platform]}</dd>
        <dt>Message</dt>
        <dd>{transfer.message}</dd>
        <dt>Transmis le</dt>
        <dd>{dateTime.format(new Date(transfer.createdAt))}</dd>
      </dl>
      {returning ? (
        <form onSubmit={onReturn} noValidate aria-label={`Renvoyer le transfert de ${name}`}>
          <Input
            label="Motif du renvoi"
            hintText="Obligatoire : l’établissement reprend le suivi et lit ce motif."
            textArea
            state={reasonError ? 'error' : 'default'}
            stateRelatedMessage={reasonError}
            nativeTextAreaProps={{
              value: reason,
              onChange: (e) => setReason(e.target.value),
              rows: 3,
            }}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Button type="submit" disabled={busy}>
                Confirmer le renvoi
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setReturning(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      ) : (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button
              disabled={busy}
              onClick={() =>
                accept.mutate(transfer.id, {
                  onSuccess: () =>
                    onDone({ severity: 'success', text: `Transfert de ${name} accepté.` }),
                  onError,
                })
              }
            >
              Accepter
            </Button>
          </li>
          <li>
            <Button priority="secondary" disabled={busy} onClick={() => setReturning(true)}>
              Renvoyer
            </Button>
          </li>
        </ul>
      )}
    </article>
  );
}

/** `/coordination`: the district's inbox of pending transfers. */
export function TransfersInbox() {
  const transfers = usePendingTransfers();
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  return (
    <div className="fr-container fr-my-6w">
      <title>Coordination — Jasmin</title>
      <h1>Transferts reçus</h1>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity={notice.severity} small description={notice.text} className="fr-mb-3w" />
        )}
      </div>
      {transfers.isPending && <p role="status">Chargement des transferts…</p>}
      {transfers.isError && (
        <Alert
          severity="error"
          small
          description={`Transferts indisponibles : ${transfers.error.message}`}
        />
      )}
      {transfers.data?.items.length === 0 && <p>Aucun transfert en attente.</p>}
      {transfers.data?.items.map((t) => (
        <TransferCard key={t.id} transfer={t} onDone={setNotice} />
      ))}
    </div>
  );
}
