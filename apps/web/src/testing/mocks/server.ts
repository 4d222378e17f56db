import { setupServer } from 'msw/node';
import { healthHandlers } from './health';

/** Default handlers: a healthy API. Tests override per case with server.use(…). */
export const server = setupServer(...healthHandlers);
