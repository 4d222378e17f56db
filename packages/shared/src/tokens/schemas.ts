import { z } from 'zod';

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  districtId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(2).max(120),
  /** Absent: the whole académie. */
  districtId: z.uuid().nullable().optional(),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});

/** The secret is in this response only: it is never shown again. */
export const createdApiTokenSchema = z.object({ token: apiTokenSchema, secret: z.string() });
