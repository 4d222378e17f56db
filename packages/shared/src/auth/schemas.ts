import { z } from 'zod';

export const roles = ['ADMIN', 'COORDINATOR', 'HEAD', 'REFERENT'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** French labels of the roles, for the UI. */
export const roleLabels: Record<Role, string> = {
  ADMIN: 'Administrateur académique',
  COORDINATOR: 'Coordinateur de district',
  HEAD: "Chef d'établissement",
  REFERENT: 'Référent',
};

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Adresse électronique trop longue.')
  .pipe(z.email('Adresse électronique invalide.'));

export const loginRequestSchema = z.object({
  email: emailSchema,
  // No length rule at login: the check is the hash. Bounded to keep hashing cheap.
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(PASSWORD_MAX_LENGTH, 'Mot de passe trop long.'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A new password: length is the rule (no composition rules); common ones are refused by the API. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(PASSWORD_MAX_LENGTH, `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`);

export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('academy'), academyId: z.uuid(), name: z.string() }),
  z.object({ kind: z.literal('district'), districtId: z.uuid(), name: z.string() }),
  z.object({ kind: z.literal('establishment'), establishmentId: z.uuid(), uai: z.string(), name: z.string() }),
]);
export type ScopeView = z.infer<typeof scopeSchema>;

export const meResponseSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: roleSchema,
  }),
  scope: scopeSchema,
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: z.iso.datetime() }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const logoutResponseSchema = z.object({ loggedOut: z.literal(true) });
