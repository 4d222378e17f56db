import { afterAll, beforeAll } from '@jest/globals';

// A console.error or console.warn during an API test is a bug: fail loudly.
const original = { error: console.error, warn: console.warn };
beforeAll(() => {
  for (const level of ['error', 'warn'] as const) {
    console[level] = (...args: unknown[]) => {
      original[level](...args);
      throw new Error(`console.${level} pendant un test : ${String(args[0])}`);
    };
  }
});
afterAll(() => {
  console.error = original.error;
  console.warn = original.warn;
});
