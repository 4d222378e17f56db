import { Button } from '@codegouvfr/react-dsfr/Button';

/** A form's buttons: submit (disabled while it is sent) and, when given, « Annuler ». */
export function FormButtons({
  submitLabel,
  pending,
  onCancel,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel?: () => void;
}) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md">
      <li>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </li>
      {onCancel && (
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      )}
    </ul>
  );
}
