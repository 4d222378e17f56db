import { jest } from '@jest/globals';

// Test files run in their own sandbox, but the worker's PGlite (database-environment.cjs) was
// made outside it. Hand the sandbox that same @electric-sql/pglite module, so that classes
// such as DatabaseError are shared and `instanceof` checks in the Prisma adapter hold.
const outer = (globalThis as { __JASMIN_PGLITE_MODULE__?: unknown }).__JASMIN_PGLITE_MODULE__;
if (outer) jest.mock('@electric-sql/pglite', () => outer);
