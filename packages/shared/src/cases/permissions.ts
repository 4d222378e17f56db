import type { Role } from '../auth/schemas';

/**
 * Who may change a case (fiche « choix », Solution/Décision, reopening, interviews, flags):
 * the establishment and the académie's administrators. Coordinators read their district's
 * cases; they act on transfers only. The API's route policies and the web app's forms both
 * read this list.
 */
export const caseWriterRoles = ['ADMIN', 'HEAD', 'REFERENT'] as const satisfies readonly Role[];

export function canChangeCases(role: Role): boolean {
  return (caseWriterRoles as readonly Role[]).includes(role);
}
