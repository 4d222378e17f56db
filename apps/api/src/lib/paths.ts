import { resolve } from 'node:path';

/** Repository locations, resolved from this file so that commands work from any directory. */
export const repoRoot = resolve(__dirname, '../../../..');
export const prismaSchemaPath = resolve(repoRoot, 'prisma/schema.prisma');
export const migrationsDir = resolve(repoRoot, 'prisma/migrations');
