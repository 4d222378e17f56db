import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';

/** What could not be loaded, the API's French message, and a way to try again. */
export function LoadErrorAlert({
  title,
  message,
  onRetry,
  as,
}: {
  title: string;
  message: string;
  onRetry: () => void;
  as?: 'h2' | 'h3';
}) {
  return (
    <Alert
      severity="error"
      {...(as ? { as } : {})}
      title={title}
      description={
        <>
          <p>{message}</p>
          <Button priority="secondary" size="small" className="fr-mt-2w" onClick={onRetry}>
            Réessayer
          </Button>
        </>
      }
      small={false}
    />
  );
}
