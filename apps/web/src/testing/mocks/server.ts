import { setupServer } from 'msw/node';
import { authHandlers } from './auth';
import { casesHandlers } from './cases';
import { establishmentHandlers } from './establishments';
import { healthHandlers } from './health';

/** Default handlers: a healthy API, signed in as a head with no case yet. Tests override with server.use(…). */
export const server = setupServer(
  ...healthHandlers,
  ...authHandlers,
  ...establishmentHandlers,
  ...casesHandlers,
);
