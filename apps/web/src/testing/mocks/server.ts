import { setupServer } from 'msw/node';
import { authHandlers } from './auth';
import { caseFileHandlers } from './case-file';
import { casesHandlers } from './cases';
import { establishmentHandlers } from './establishments';
import { healthHandlers } from './health';
import { importHandlers } from './imports';
import { pupilHandlers } from './pupils';
import { transferHandlers } from './transfers';

/** Default handlers: a healthy API, signed in as a head with no case yet. Tests override with server.use(…). */
export const server = setupServer(
  ...healthHandlers,
  ...authHandlers,
  ...establishmentHandlers,
  ...casesHandlers,
  ...importHandlers,
  ...pupilHandlers,
  ...transferHandlers,
  ...caseFileHandlers,
);
