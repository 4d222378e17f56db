import { describe, expect, it } from '@jest/globals';
import { errorBodySchema, errorCatalog, errorCodes, statusOf } from './errors';

describe('error catalog', () => {
  it('when a code is listed, then it has an HTTP error status and a French message', () => {
    for (const code of errorCodes) {
      const status = statusOf(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(errorCatalog[code].message).toMatch(/[a-zéèà]/);
      expect(errorCatalog[code].message.endsWith('.')).toBe(true);
    }
  });

  it('when an error body has an unknown code, then the schema rejects it', () => {
    expect(
      errorBodySchema.safeParse({ error: { code: 'NOPE', message: 'x', requestId: 'r' } }).success,
    ).toBe(false);
    expect(
      errorBodySchema.safeParse({ error: { code: 'NOT_FOUND', message: 'x', requestId: 'r' } })
        .success,
    ).toBe(true);
  });
});
