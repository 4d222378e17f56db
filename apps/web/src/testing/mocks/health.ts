import { healthResponseSchema } from '@jasmin/shared/health/schemas';
import { http } from 'msw';
import { okJson } from './api-response';

export const healthHandlers = [
  http.get('/api/health', () => okJson(healthResponseSchema, { status: 'ok', database: 'ok' })),
];
