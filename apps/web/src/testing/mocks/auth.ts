import {
  loginRequestSchema,
  logoutResponseSchema,
  meResponseSchema,
} from '@jasmin/shared/auth/schemas';
import { http } from 'msw';
import { errorJson, okJson } from './api-response';
import { headMe } from './data';

/** Signed in as the head of 0990001N; any well-formed login succeeds. */
export const authHandlers = [
  http.get('/api/auth/me', () => okJson(meResponseSchema, headMe)),
  http.post('/api/auth/login', async ({ request }) => {
    const body = loginRequestSchema.safeParse(await request.json());
    if (!body.success) return errorJson('VALIDATION_FAILED');
    return okJson(meResponseSchema, headMe);
  }),
  http.post('/api/auth/logout', () => okJson(logoutResponseSchema, { loggedOut: true })),
];
