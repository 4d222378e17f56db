import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../lib/api-client';

export type AdminFormError = { title: string; message: string };

/** What to say above a form when the API refuses a write. */
export function adminErrorOf(error: unknown): AdminFormError {
  if (!(error instanceof ApiError)) {
    return {
      title: 'Enregistrement impossible',
      message: 'Une erreur inattendue est survenue. Réessayez.',
    };
  }
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return { title: 'Vérifiez les champs signalés', message: error.message };
    case 'CONFLICT':
      return { title: 'Conflit', message: error.message };
    case 'NOT_FOUND':
      return { title: 'Introuvable', message: `${error.message} La liste a été rechargée.` };
    case 'NETWORK_ERROR':
      return { title: 'Serveur injoignable', message: error.message };
    default:
      return { title: 'Enregistrement impossible', message: error.message };
  }
}

/**
 * A small form: text values, the shared schema's French messages per field, and the API's
 * answer (field errors named `body.uai` or `uai`, shown next to their field).
 */
export function useAdminForm<F extends string>(formId: string, initial: Record<F, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<AdminFormError | undefined>(undefined);
  const fields = Object.keys(initial) as F[];

  const focusFirst = (found: Partial<Record<F, string>>) => {
    const first = fields.find((f) => found[f]);
    if (first) document.getElementById(`${formId}-${first}`)?.focus();
    else document.getElementById(`${formId}-erreur`)?.focus();
  };

  return {
    formId,
    values,
    errors,
    formError,
    set: (field: F) => (value: string) => setValues((v) => ({ ...v, [field]: value })),
    reset: () => {
      setValues(initial);
      setErrors({});
      setFormError(undefined);
    },
    /** Parses with the shared schema; on failure shows each field's first message. */
    parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | undefined {
      const parsed = schema.safeParse(input);
      if (parsed.success) {
        setErrors({});
        setFormError(undefined);
        return parsed.data;
      }
      const found: Partial<Record<F, string>> = {};
      const others: string[] = [];
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '') as F;
        if (fields.includes(key)) found[key] ??= issue.message;
        else others.push(issue.message);
      }
      setErrors(found);
      setFormError(
        others.length > 0
          ? { title: 'Vérifiez votre saisie', message: others.join(' ') }
          : undefined,
      );
      setTimeout(() => focusFirst(found));
      return undefined;
    },
    /** Shows the API's refusal: its message above the form, its field errors next to the fields. */
    fail(error: unknown) {
      const found: Partial<Record<F, string>> = {};
      const others: string[] = [];
      if (error instanceof ApiError) {
        for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
          const field = key.replace(/^body\./, '') as F;
          if (fields.includes(field)) found[field] = messages.join(' ');
          else others.push(...messages);
        }
      }
      const base = adminErrorOf(error);
      setErrors(found);
      setFormError({ ...base, message: [base.message, ...others].join(' ') });
      setTimeout(() => focusFirst(found));
    },
  };
}
export type AdminForm<F extends string> = ReturnType<typeof useAdminForm<F>>;
