import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ReactNode } from 'react';
import type { FormState } from '../utils/use-form-state';

type FieldProps = { form: FormState; field: string; label: ReactNode; hint?: ReactNode };

const stateOf = (form: FormState, field: string) =>
  form.errors[field] ? ('error' as const) : ('default' as const);

/** The form's error, above it; focusable so that it is read first. */
export function FormErrorAlert({ form }: { form: FormState }) {
  if (!form.formError) return null;
  return (
    <div id={`${form.formId}-erreur`} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="error"
        as="h4"
        title={form.formError.title}
        description={form.formError.messages.join(' ')}
        small={false}
      />
    </div>
  );
}

export function TextField({
  form,
  field,
  label,
  hint,
  textArea = true,
  required = false,
  type = 'text',
}: FieldProps & { textArea?: boolean; required?: boolean; type?: 'text' | 'date' }) {
  const id = `${form.formId}-${field}`;
  const common = {
    label,
    hintText: hint,
    state: stateOf(form, field),
    stateRelatedMessage: form.errors[field],
  };
  const nativeProps = {
    id,
    name: field,
    required,
    'aria-invalid': form.errors[field] ? true : undefined,
    value: form.values[field] ?? '',
  };
  if (textArea) {
    return (
      <Input
        {...common}
        textArea
        nativeTextAreaProps={{
          ...nativeProps,
          rows: 3,
          onChange: (e) => form.set(field)(e.target.value),
        }}
      />
    );
  }
  return (
    <Input
      {...common}
      nativeInputProps={{ ...nativeProps, type, onChange: (e) => form.set(field)(e.target.value) }}
    />
  );
}

export function RadioField({
  form,
  field,
  label,
  hint,
  options,
  inline = false,
}: FieldProps & {
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  inline?: boolean;
}) {
  return (
    <RadioButtons
      id={`${form.formId}-${field}-groupe`}
      name={`${form.formId}-${field}`}
      legend={label}
      hintText={hint}
      orientation={inline ? 'horizontal' : 'vertical'}
      state={stateOf(form, field)}
      stateRelatedMessage={form.errors[field]}
      options={options.map((option) => ({
        label: option.label,
        hintText: option.hint,
        nativeInputProps: {
          value: option.value,
          checked: form.values[field] === option.value,
          onChange: () => form.set(field)(option.value),
        },
      }))}
    />
  );
}

export function SelectField({
  form,
  field,
  label,
  hint,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <Select
      label={label}
      hint={hint}
      state={stateOf(form, field)}
      stateRelatedMessage={form.errors[field]}
      nativeSelectProps={{
        id: `${form.formId}-${field}`,
        name: field,
        value: form.values[field] ?? '',
        'aria-invalid': form.errors[field] ? true : undefined,
        onChange: (e) => form.set(field)(e.target.value),
      }}
    >
      <option value="" disabled>
        Choisissez dans la liste
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
