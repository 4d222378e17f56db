import type { z } from 'zod';
import { ApiError } from '../../../lib/api-client';

export type FieldErrors = Record<string, string>;

/** The first message of each field of a failed zod parse. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return fields;
}

/**
 * The API names its fields `body.details`; forms name them `details`. Fields the form does not
 * show are returned apart, so their message is still said.
 */
export function apiFieldErrors(
  error: ApiError,
  known: readonly string[],
): { fields: FieldErrors; others: string[] } {
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) {
    const field = key.replace(/^body\./, '');
    if (known.includes(field)) fields[field] = messages.join(' ');
    else others.push(...messages);
  }
  return { fields, others };
}

/** Moves focus to the first field in error, in the order of the form. */
export function focusFirstError(formId: string, order: readonly string[], fields: FieldErrors) {
  const first = order.find((f) => fields[f]);
  if (!first) return false;
  const element =
    document.getElementById(`${formId}-${first}`) ??
    document.querySelector<HTMLElement>(`#${formId}-${first}-groupe input`);
  element?.focus();
  return element !== null;
}

/** What to say when a write fails; conflicts say that the file was read again. */
export function mutationErrorMessage(error: unknown): { title: string; message: string } {
  if (!(error instanceof ApiError)) {
    return { title: 'Enregistrement impossible', message: 'Une erreur inattendue est survenue. Réessayez.' };
  }
  switch (error.code) {
    case 'VERSION_CONFLICT':
      return {
        title: 'Le suivi a été modifié par quelqu’un d’autre',
        message: `${error.message} La fiche vient d’être rechargée : vérifiez votre saisie puis enregistrez de nouveau.`,
      };
    case 'INVALID_TRANSITION':
      return {
        title: 'Action impossible',
        message: `${error.message} La fiche a été rechargée avec les actions possibles maintenant.`,
      };
    case 'VALIDATION_FAILED':
      return { title: 'Vérifiez les champs signalés', message: error.message };
    case 'NETWORK_ERROR':
      return { title: 'Serveur injoignable', message: error.message };
    default:
      return { title: 'Enregistrement impossible', message: error.message };
  }
}
