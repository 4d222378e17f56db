import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorBodySchema } from '@jasmin/shared/errors';
import request from 'supertest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../test/test-app';
import { routeTable } from '../routes';
import { AppError } from './app-error';
import { defineRoute } from './route-table';

const SECRET = 'Éloïse-Dupont-0612345678';

// Routes that exist only in this test, to exercise validation and error mapping.
const probeRoutes = [
  defineRoute({
    operationId: 'probeEcho',
    method: 'post',
    path: '/probe/echo/:n',
    summary: 'test',
    tags: ['test'],
    policy: { kind: 'public' },
    request: {
      params: z.object({ n: z.coerce.number().int().min(1) }),
      body: z.object({ name: z.string().min(1, 'Le nom est obligatoire.'), age: z.number().int() }),
    },
    response: { status: 201, schema: z.object({ n: z.number(), name: z.string() }), description: 'ok' },
    errors: ['VALIDATION_FAILED'],
    async handler({ params, body }) {
      return { n: params.n, name: body.name, leaked: 'must be stripped' } as { n: number; name: string };
    },
  }),
  defineRoute({
    operationId: 'probeCrash',
    method: 'post',
    path: '/probe/crash',
    summary: 'test',
    tags: ['test'],
    policy: { kind: 'public' },
    response: { status: 200, schema: z.object({}), description: 'never' },
    errors: [],
    async handler() {
      throw new Error('boom in a handler');
    },
  }),
  defineRoute({
    operationId: 'probeAppError',
    method: 'get',
    path: '/probe/app-error',
    summary: 'test',
    tags: ['test'],
    policy: { kind: 'public' },
    response: { status: 200, schema: z.object({}), description: 'never' },
    errors: ['RATE_LIMITED'],
    async handler() {
      throw new AppError('RATE_LIMITED', { headers: { 'Retry-After': '60' } });
    },
  }),
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ routes: [...routeTable, ...probeRoutes], bodyLimit: '1kb' });
});
afterAll(async () => {
  await t.close();
});

function expectErrorBody(body: unknown, code: string) {
  const parsed = errorBodySchema.parse(body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.requestId.length).toBeGreaterThan(7);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  return parsed;
}

describe('error model', () => {
  it('when the JSON body is malformed, then 400 MALFORMED_JSON without echoing the body, in the response or the logs', async () => {
    const res = await request(t.app).post('/api/probe/echo/1').set('Content-Type', 'application/json').send(`{"name": "${SECRET}",`);
    expect(res.status).toBe(400);
    const body = expectErrorBody(res.body, 'MALFORMED_JSON');
    expect(body.error.message).toBe("Le corps de la requête n'est pas un JSON valide.");
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(t.rawLogs()).not.toContain(SECRET);
  });

  it('when the body exceeds the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(t.app).post('/api/probe/echo/1').send({ name: 'x'.repeat(2000), age: 1 });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, 'PAYLOAD_TOO_LARGE');
  });

  it('when fields are invalid, then 400 VALIDATION_FAILED with French field errors', async () => {
    const res = await request(t.app).post('/api/probe/echo/0').send({ name: '', age: 'x' });
    expect(res.status).toBe(400);
    const body = expectErrorBody(res.body, 'VALIDATION_FAILED');
    expect(body.error.message).toBe('Les données envoyées sont invalides.');
    expect(body.error.fieldErrors?.['body.name']).toEqual(['Le nom est obligatoire.']);
    expect(Object.keys(body.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(['params.n', 'body.age']));
    // Zod's own messages are French too.
    expect(body.error.fieldErrors?.['body.age']?.[0]).toMatch(/^Entrée invalide/);
  });

  it('when the input is valid, then the handler gets parsed values and undeclared output fields are stripped', async () => {
    const res = await request(t.app).post('/api/probe/echo/7').send({ name: 'Zoé', age: 17 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ n: 7, name: 'Zoé' });
  });

  it('when a handler crashes, then 500 INTERNAL_ERROR with a generic message; the log has the stack, the response does not', async () => {
    const res = await request(t.app).post('/api/probe/crash').set('X-Request-Id', 'trace-me-123456');
    expect(res.status).toBe(500);
    const body = expectErrorBody(res.body, 'INTERNAL_ERROR');
    expect(body.error.requestId).toBe('trace-me-123456');
    expect(JSON.stringify(res.body)).not.toContain('boom');
    const entry = t.logs.find((l) => l.msg === 'unhandled error');
    expect(entry?.requestId).toBe('trace-me-123456');
    expect(JSON.stringify(entry)).toContain('boom');
  });

  it('when a service throws an AppError with headers, then its status, code and headers are sent', async () => {
    const res = await request(t.app).get('/api/probe/app-error');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expectErrorBody(res.body, 'RATE_LIMITED');
  });

  it('when the route does not exist, then 404 ROUTE_NOT_FOUND in the error model', async () => {
    const res = await request(t.app).get('/api/nope');
    expect(res.status).toBe(404);
    expectErrorBody(res.body, 'ROUTE_NOT_FOUND');
  });

  it('when requests are logged, then only the path is logged, never the query string', async () => {
    await request(t.app).get(`/api/nope?q=${encodeURIComponent(SECRET)}`);
    expect(t.rawLogs()).not.toContain('Dupont');
    expect(t.logs.some((l) => (l.req as { path?: string } | undefined)?.path === '/api/nope')).toBe(true);
  });
});
