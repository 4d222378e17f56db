import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { loginRequestSchema, type MeResponse } from '@jasmin/shared/auth/schemas';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useLogin } from '../api/login';

type Field = 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  email: 'connexion-email',
  password: 'connexion-mot-de-passe',
};

const ERROR_TITLES: Partial<Record<ApiError['code'], string>> = {
  INVALID_CREDENTIALS: 'Identifiants incorrects',
  RATE_LIMITED: 'Trop de tentatives',
  NETWORK_ERROR: 'Serveur injoignable',
  VALIDATION_FAILED: 'Vérifiez les champs signalés',
};

/** The API names its fields `body.email`; the form names them `email`. */
function fieldErrorsFromApi(error: ApiError): { fields: FieldErrors; others: string[] } {
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const field = key.replace(/^body\./, '');
    if (field === 'email' || field === 'password') fields[field] = messages.join(' ');
    else others.push(...messages);
  }
  return { fields, others };
}

function firstInvalid(fields: FieldErrors): Field | undefined {
  return (['email', 'password'] as const).find((f) => fields[f]);
}

/** E-mail and password. Errors are said in French, next to their field or above the form. */
export function LoginForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ title: string; messages: string[] } | null>(null);
  // Where focus goes after a failed attempt; a new object each time, so it moves again on a repeat.
  const [focusTarget, setFocusTarget] = useState<{ to: Field | 'alert' } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.to === 'alert') alertRef.current?.focus();
    else document.getElementById(FIELD_IDS[focusTarget.to])?.focus();
  }, [focusTarget]);

  const fail = (fields: FieldErrors, error: { title: string; messages: string[] } | null) => {
    setFieldErrors(fields);
    setFormError(error);
    const field = firstInvalid(fields);
    if (error) setFocusTarget({ to: 'alert' });
    else if (field) setFocusTarget({ to: field });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse({ email, password });
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !fields[field])
          fields[field] = issue.message;
      }
      fail(fields, null);
      return;
    }
    setFormError(null);
    login.mutate(parsed.data, {
      onSuccess,
      onError: (error) => {
        if (!(error instanceof ApiError)) {
          fail(
            {},
            {
              title: 'Connexion impossible',
              messages: ['Une erreur inattendue est survenue. Réessayez.'],
            },
          );
          return;
        }
        const { fields, others } = fieldErrorsFromApi(error);
        const title = ERROR_TITLES[error.code] ?? 'Connexion impossible';
        if (error.code === 'VALIDATION_FAILED' && firstInvalid(fields) && others.length === 0) {
          fail(fields, null);
          return;
        }
        fail(fields, { title, messages: [error.message, ...others] });
      },
    });
  };

  const stateOf = (field: Field) =>
    fieldErrors[field] ? ('error' as const) : ('default' as const);

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Connexion">
      {formError && (
        <div ref={alertRef} tabIndex={-1} className="fr-mb-4w">
          <Alert
            severity="error"
            as="h2"
            title={formError.title}
            description={formError.messages.join(' ')}
            small={false}
          />
        </div>
      )}
      <p className="fr-hint-text fr-mb-3w">Tous les champs sont obligatoires.</p>
      <Input
        label="Adresse électronique"
        hintText="Format attendu : nom@domaine.fr"
        state={stateOf('email')}
        stateRelatedMessage={fieldErrors.email}
        nativeInputProps={{
          id: FIELD_IDS.email,
          name: 'email',
          type: 'email',
          autoComplete: 'username',
          spellCheck: false,
          required: true,
          'aria-invalid': fieldErrors.email ? true : undefined,
          value: email,
          onChange: (e) => setEmail(e.target.value),
        }}
      />
      <Input
        label="Mot de passe"
        state={stateOf('password')}
        stateRelatedMessage={fieldErrors.password}
        nativeInputProps={{
          id: FIELD_IDS.password,
          name: 'password',
          type: 'password',
          autoComplete: 'current-password',
          required: true,
          'aria-invalid': fieldErrors.password ? true : undefined,
          value: password,
          onChange: (e) => setPassword(e.target.value),
        }}
      />
      <Button
        type="submit"
        disabled={login.isPending}
        iconId="fr-icon-arrow-right-line"
        iconPosition="right"
      >
        {login.isPending ? 'Connexion en cours…' : 'Se connecter'}
      </Button>
    </form>
  );
}
