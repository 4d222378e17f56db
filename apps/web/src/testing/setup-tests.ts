import '@testing-library/jest-dom/jest-globals';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { setLink } from '@codegouvfr/react-dsfr/link';
import { cleanup } from '@testing-library/react';
import { Link } from 'react-router';
import { server } from './mocks/server';

// As startReactDsfr({ Link }) in main.tsx (which takes any component): DSFR components
// navigate with the router's Link.
setLink({ Link: Link as unknown as Parameters<typeof setLink>[0]['Link'] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  cleanup();
});
afterAll(() => server.close());

// A console.error during a test is a bug (React warnings, failed prop types…).
const originalError = console.error;
beforeAll(() => {
  console.error = (...args: unknown[]) => {
    originalError(...args);
    throw new Error(`console.error pendant un test : ${String(args[0])}`);
  };
});
afterAll(() => {
  console.error = originalError;
});
