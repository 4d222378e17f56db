import { useEffect, useState } from 'react';
import { focusFirstError, type FieldErrors } from './form-errors';

export type FormState = ReturnType<typeof useFormState>;

/**
 * Values, field errors and the form-level error of one form. The values live here, so reading
 * the case again (after a conflict) never wipes what the person typed.
 */
export function useFormState({
  formId,
  fieldOrder,
  initial,
  setDirty,
}: {
  formId: string;
  fieldOrder: readonly string[];
  initial: Record<string, string>;
  setDirty: (formId: string, dirty: boolean) => void;
}) {
  const [initialValues] = useState(initial);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ title: string; messages: string[] } | null>(null);
  // A new object each time, so focus moves again on a repeated failure.
  const [focusTarget, setFocusTarget] = useState<{ to: 'alert' | 'field' } | null>(null);

  const dirty = fieldOrder.some((f) => (values[f] ?? '') !== (initialValues[f] ?? ''));
  useEffect(() => {
    setDirty(formId, dirty);
  }, [formId, dirty, setDirty]);
  useEffect(() => () => setDirty(formId, false), [formId, setDirty]);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.to === 'alert') document.getElementById(`${formId}-erreur`)?.focus();
    else focusFirstError(formId, fieldOrder, errors);
    // Only a new target moves focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTarget]);

  return {
    formId,
    values,
    errors,
    formError,
    dirty,
    set: (field: string) => (value: string) => {
      setValues((current) => ({ ...current, [field]: value }));
    },
    reset: (next: Record<string, string> = initialValues) => {
      setValues(next);
      setErrors({});
      setFormError(null);
    },
    fail: (fields: FieldErrors, error: { title: string; messages: string[] } | null) => {
      setErrors(fields);
      setFormError(error);
      setFocusTarget({ to: error ? 'alert' : 'field' });
    },
    clearErrors: () => {
      setErrors({});
      setFormError(null);
    },
  };
}
