import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ReactNode } from 'react';
import type { AdminForm } from '../utils/use-admin-form';

/** The form's error, above it; focusable so that it is read first. */
export function AdminFormError<F extends string>({ form }: { form: AdminForm<F> }) {
  if (!form.formError) return null;
  return (
    <div id={`${form.formId}-erreur`} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="error"
        as="h3"
        title={form.formError.title}
        description={form.formError.message}
        small={false}
      />
    </div>
  );
}

export function AdminInput<F extends string>({
  form,
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
}: {
  form: AdminForm<F>;
  field: F;
  label: ReactNode;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'number';
  autoComplete?: string;
}) {
  const error = form.errors[field];
  return (
    <Input
      label={label}
      hintText={hint}
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeInputProps={{
        id: `${form.formId}-${field}`,
        name: field,
        type,
        autoComplete,
        value: form.values[field],
        'aria-invalid': error ? true : undefined,
        onChange: (e) => form.set(field)(e.target.value),
      }}
    />
  );
}

export function AdminSelect<F extends string>({
  form,
  field,
  label,
  hint,
  options,
  placeholder = 'Choisissez dans la liste',
}: {
  form: AdminForm<F>;
  field: F;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const error = form.errors[field];
  return (
    <Select
      label={label}
      hint={hint}
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeSelectProps={{
        id: `${form.formId}-${field}`,
        name: field,
        value: form.values[field],
        'aria-invalid': error ? true : undefined,
        onChange: (e) => form.set(field)(e.target.value),
      }}
    >
      <option value="">{placeholder}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}

/** A DSFR table with its caption (read by screen readers, shown or not). */
export function AdminTable({
  caption,
  captionHidden = false,
  headers,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  headers: string[];
  children: ReactNode;
}) {
  return (
    <div className={`fr-table fr-mb-3w${captionHidden ? ' fr-table--no-caption' : ''}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Loading and read errors of a list, said the same way on every screen. */
export function ListState({
  query,
  what,
}: {
  query: { isPending: boolean; isError: boolean; error: Error | null };
  what: string;
}) {
  if (query.isPending) return <p role="status">Chargement des {what}…</p>;
  if (query.isError) {
    return (
      <Alert
        severity="error"
        small
        description={`${capitalize(what)} indisponibles : ${query.error?.message ?? ''}`}
      />
    );
  }
  return null;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
