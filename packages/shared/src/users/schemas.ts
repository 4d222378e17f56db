import { z } from 'zod';
import { emailSchema, newPasswordSchema, roleSchema } from '../auth/schemas';

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  districtId: z.uuid().nullable(),
  establishmentId: z.uuid().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof userSchema>;
export const userListSchema = z.object({ items: z.array(userSchema) });

/** Role and the scope it needs: a district for coordinators, an establishment for heads and referents. */
export const roleAssignmentSchema = z
  .object({
    role: roleSchema,
    districtId: z.uuid().nullable().optional(),
    establishmentId: z.uuid().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'COORDINATOR' && !v.districtId) {
      ctx.addIssue({ code: 'custom', path: ['districtId'], message: 'Un coordinateur est rattaché à un district.' });
    }
    if ((v.role === 'HEAD' || v.role === 'REFERENT') && !v.establishmentId) {
      ctx.addIssue({ code: 'custom', path: ['establishmentId'], message: 'Ce rôle est rattaché à un établissement.' });
    }
  });
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const createUserSchema = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(2).max(120),
    password: newPasswordSchema,
  })
  .and(roleAssignmentSchema);

export const resetPasswordSchema = z.object({ password: newPasswordSchema });
