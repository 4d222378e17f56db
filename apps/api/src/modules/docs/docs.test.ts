import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { errorBodySchema, errorCatalog } from '@jasmin/shared/errors';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import apiPackage from '../../../package.json';
import { createTestApp, type TestApp } from '../../../test/test-app';
import {
  ERROR_BODY_COMPONENT,
  SESSION_SCHEME,
  TOKEN_SCHEME,
  buildOpenApiDocument,
  pathTemplateNames,
  toOpenApiPath,
  type JsonSchema,
  type OpenApiDocument,
} from '../../lib/openapi';
import { defineRoute, type RouteDefinition } from '../../lib/route-table';
import { routeTable } from '../../routes';
import { docsPageRouter, docsRoutes } from './docs.routes';

/** The application's table with the docs routes, whether routes.ts lists them yet or not. */
const table: readonly RouteDefinition[] = [
  ...routeTable,
  ...docsRoutes.filter((r) => !routeTable.includes(r)),
];

// --- OpenAPI 3.1 structure ------------------------------------------------------------------
// No OpenAPI validator is installed in the monorepo: these checks cover the rules of the
// specification that a generator can get wrong (see the report for the validator to add).

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else if (!['const', 'default', 'enum', 'examples', 'example'].includes(k))
        collectRefs(v, out);
    }
  }
  return out;
}

/** Every fault found, as readable lines (an empty list: the document is well formed). */
function openApiProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!/^3\.1\.\d+$/.test(doc.openapi)) fail('openapi', `not 3.1.x: ${doc.openapi}`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string')
    fail('info', 'title and version are required');
  const schemes = doc.components.securitySchemes;
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!/^[\w.-]+$/.test(name)) fail(`securitySchemes.${name}`, 'bad name');
    if (
      scheme.type === 'apiKey' &&
      !(
        typeof scheme.name === 'string' && ['query', 'header', 'cookie'].includes(String(scheme.in))
      )
    ) {
      fail(`securitySchemes.${name}`, 'apiKey needs name and in');
    }
    if (scheme.type === 'http' && typeof scheme.scheme !== 'string')
      fail(`securitySchemes.${name}`, 'http needs scheme');
  }
  for (const name of Object.keys(doc.components.schemas)) {
    if (!/^[\w.-]+$/.test(name)) fail(`components.schemas.${name}`, 'bad name');
  }
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) fail(path, 'paths start with /');
    if (/[:*]/.test(path)) fail(path, 'Express syntax left in the path');
    const templated = pathTemplateNames(path);
    if (new Set(templated.map((n) => n)).size !== templated.length)
      fail(path, 'a template name is repeated');
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!HTTP_METHODS.includes(method)) fail(where, 'unknown method');
      if (!op) continue;
      if (operationIds.has(op.operationId)) fail(where, `operationId ${op.operationId} repeated`);
      operationIds.add(op.operationId);
      const params = op.parameters ?? [];
      const keys = params.map((p) => `${p.in}:${p.name}`);
      if (new Set(keys).size !== keys.length) fail(where, 'a parameter is declared twice');
      for (const p of params) {
        if (!['query', 'header', 'path', 'cookie'].includes(p.in))
          fail(where, `parameter ${p.name}: bad "in"`);
        if (typeof p.schema !== 'object') fail(where, `parameter ${p.name}: no schema`);
        if (p.in === 'path' && (p.required !== true || !templated.includes(p.name))) {
          fail(where, `path parameter ${p.name} must be required and in the template`);
        }
      }
      for (const name of templated) {
        if (!params.some((p) => p.in === 'path' && p.name === name))
          fail(where, `template {${name}} is not declared`);
      }
      if (op.requestBody && Object.keys(op.requestBody.content).length === 0)
        fail(where, 'requestBody without content');
      const statuses = Object.keys(op.responses);
      if (statuses.length === 0) fail(where, 'no responses');
      for (const status of statuses) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) fail(where, `bad response key ${status}`);
        if (typeof op.responses[status]?.description !== 'string')
          fail(where, `response ${status} needs a description`);
      }
      for (const requirement of op.security) {
        for (const scheme of Object.keys(requirement)) {
          if (!(scheme in schemes)) fail(where, `unknown security scheme ${scheme}`);
        }
      }
      for (const tag of op.tags)
        if (!doc.tags.some((t) => t.name === tag)) fail(where, `tag ${tag} not declared`);
    }
  }
  for (const ref of collectRefs(doc)) {
    if (resolvePointer(doc, ref) === undefined) fail('$ref', `does not resolve: ${ref}`);
  }
  const text = JSON.stringify(doc);
  if (text.includes('"$defs"'))
    fail('schemas', '$defs left inside a schema (refs would point at the document root)');
  if (text.includes('"$schema"')) fail('schemas', '$schema left inside a schema');
  return problems;
}

function operation(doc: OpenApiDocument, route: RouteDefinition) {
  const op = doc.paths[toOpenApiPath(route.path)]?.[route.method];
  if (!op) throw new Error(`${route.method} ${route.path} is not in the document`);
  return op;
}

function jsonSchemaOf(node: JsonSchema | undefined): JsonSchema {
  const schema = node?.content as { 'application/json'?: { schema?: JsonSchema } } | undefined;
  return schema?.['application/json']?.schema ?? {};
}

// --- GET /api/openapi.json -------------------------------------------------------------------

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ routes: table });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/openapi.json', () => {
  it('when anyone asks, then 200 with the whole document, nothing stripped by the response schema', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(table))));
  });

  it('when generated, then it is a well-formed OpenAPI 3.1 document', () => {
    const doc = buildOpenApiDocument(table);
    expect(doc.openapi).toBe('3.1.0');
    expect(openApiProblems(doc)).toEqual([]);
  });

  it('when validated by an OpenAPI 3.1 validator, then it has no error', async () => {
    const result = await validateOpenApi(structuredClone(buildOpenApiDocument(table)) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('when generated, then info, servers and security schemes are declared', () => {
    const doc = buildOpenApiDocument(table);
    expect(doc.info.title).toBe('API Jasmin');
    expect(doc.info.version).toBe(apiPackage.version);
    expect(doc.info.description).toContain('jeton d');
    expect(doc.servers).toEqual([{ url: '/api' }]);
    expect(doc.components.securitySchemes[SESSION_SCHEME]).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'jasmin_session',
    });
    expect(doc.components.securitySchemes[TOKEN_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('when generated twice for one table, then it is built once and shared', () => {
    expect(buildOpenApiDocument(table)).toBe(buildOpenApiDocument(table));
    expect(Object.isFrozen(buildOpenApiDocument(table).paths)).toBe(true);
  });

  it('when a route is in the table, then its method, path, operationId, summary and tags are in the document', () => {
    const doc = buildOpenApiDocument(table);
    for (const route of table) {
      const op = operation(doc, route);
      expect({ operationId: op.operationId, summary: op.summary, tags: op.tags }).toEqual({
        operationId: route.operationId,
        summary: route.summary,
        tags: route.tags,
      });
    }
    const documented = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op?.operationId),
    );
    expect(documented.sort()).toEqual(table.map((r) => r.operationId).sort());
  });

  it('when a route declares error codes, then each is documented under its status with the shared error body', () => {
    const doc = buildOpenApiDocument(table);
    expect(doc.components.schemas[ERROR_BODY_COMPONENT]).toEqual(
      (({ $schema: _ignored, ...rest }) => rest)(
        z.toJSONSchema(errorBodySchema, { io: 'output' }) as JsonSchema,
      ),
    );
    for (const route of table) {
      const op = operation(doc, route);
      for (const code of route.errors) {
        const { status, message } = errorCatalog[code];
        const response = op.responses[String(status)];
        expect(response?.description).toContain(code);
        expect(response?.description).toContain(message);
        const media = response?.content?.['application/json'];
        expect(media?.schema).toEqual({ $ref: `#/components/schemas/${ERROR_BODY_COMPONENT}` });
        expect(errorBodySchema.parse(media?.examples?.[code]?.value).error.code).toBe(code);
      }
      const errorStatuses = new Set(route.errors.map((c) => String(errorCatalog[c].status)));
      expect(Object.keys(op.responses).sort()).toEqual(
        [...new Set([String(route.response.status), ...errorStatuses])].sort(),
      );
    }
  });

  it('when a route has a success response, then it is documented with its description and output schema', () => {
    const doc = buildOpenApiDocument(table);
    expect(table.some((r) => r.response.contentType === 'application/pdf')).toBe(true);
    for (const route of table) {
      const response = operation(doc, route).responses[String(route.response.status)];
      expect(response?.description).toBe(route.response.description);
      const file = route.response.contentType;
      if (file) expect(response?.content?.[file]?.schema).toEqual({ type: 'string', format: 'binary' });
      else expect(jsonSchemaOf(response as unknown as JsonSchema)).not.toEqual({});
    }
  });

  it('when routes are public, token-readable or session-only, then security is empty, cookie or bearer, or cookie only', () => {
    const doc = buildOpenApiDocument(table);
    for (const route of table) {
      const { security } = operation(doc, route);
      if (route.policy.kind === 'public') expect(security).toEqual([]);
      else if (route.policy.kind === 'roles' && route.policy.tokens) {
        expect(security).toEqual([{ [SESSION_SCHEME]: [] }, { [TOKEN_SCHEME]: [] }]);
      } else expect(security).toEqual([{ [SESSION_SCHEME]: [] }]);
    }
    expect(table.some((r) => r.policy.kind === 'roles' && r.policy.tokens)).toBe(true);
  });

  it('when a path has Express parameters, then it is templated and every parameter is declared in the path', () => {
    const doc = buildOpenApiDocument(table);
    const getUser = table.find((r) => r.operationId === 'getUser');
    expect(getUser?.path).toBe('/users/:id');
    const op = doc.paths['/users/{id}']?.get;
    expect(op?.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'string', format: 'uuid' }),
      },
    ]);
    for (const route of table) {
      expect(toOpenApiPath(route.path)).not.toMatch(/:/);
    }
  });

  it('when a route has a query schema, then each of its fields is a query parameter', () => {
    const doc = buildOpenApiDocument(table);
    const params = doc.paths['/users']?.get?.parameters ?? [];
    expect(params.map((p) => [p.name, p.in, p.required])).toEqual([
      ['establishment', 'query', false],
      ['district', 'query', false],
    ]);
  });

  it('when a route has a body schema, then it is the required JSON request body', () => {
    const doc = buildOpenApiDocument(table);
    const body = doc.paths['/auth/login']?.post?.requestBody;
    expect(body?.required).toBe(true);
    expect(body?.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['email', 'password'],
    });
  });
});

describe('buildOpenApiDocument on schemas of its own', () => {
  type Tree = { name: string; children: Tree[] };
  const tree: z.ZodType<Tree> = z.object({
    name: z.string(),
    get children() {
      return z.array(tree);
    },
  });
  const probe = [
    defineRoute({
      operationId: 'probeDefaults',
      method: 'post',
      path: '/probe/:group/items/:itemId',
      summary: 'test',
      tags: ['test'],
      policy: { kind: 'session' },
      request: {
        params: z.object({
          group: z.string(),
          itemId: z.coerce.number().int().describe("Numéro de l'élément"),
        }),
        query: z.object({ page: z.coerce.number().int().min(1).default(1) }),
        body: z
          .object({ n: z.number().default(1), at: z.string().transform((s) => new Date(s)) })
          .optional(),
      },
      response: {
        status: 201,
        schema: z.object({ n: z.number().default(1), tree }),
        description: 'ok',
      },
      errors: ['NOT_FOUND', 'CONFLICT', 'VALIDATION_FAILED', 'VALIDATION_FAILED', 'MALFORMED_JSON'],
      handler: async () => ({ tree: { name: 'root', children: [] } }),
    }),
  ];

  it('when schemas have defaults and transforms, then requests use the input type and responses the output type', () => {
    const op = buildOpenApiDocument(probe).paths['/probe/{group}/items/{itemId}']?.post;
    const body = op?.requestBody?.content['application/json'].schema;
    expect(op?.requestBody?.required).toBe(false);
    expect(body?.required).toEqual(['at']);
    const query = op?.parameters?.find((p) => p.name === 'page');
    expect(query).toMatchObject({ in: 'query', required: false, schema: { default: 1 } });
    const response = jsonSchemaOf(op?.responses['201'] as unknown as JsonSchema);
    expect(response.required).toEqual(['n', 'tree']);
  });

  it('when path parameters have descriptions, then they are declared in order, required, with their description', () => {
    const op = buildOpenApiDocument(probe).paths['/probe/{group}/items/{itemId}']?.post;
    expect(op?.parameters?.filter((p) => p.in === 'path')).toEqual([
      { name: 'group', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'itemId',
        in: 'path',
        required: true,
        description: "Numéro de l'élément",
        schema: expect.objectContaining({ type: 'integer' }),
      },
    ]);
  });

  it('when a schema is recursive, then it is moved to components and its $ref resolves', () => {
    const doc = buildOpenApiDocument(probe);
    expect(openApiProblems(doc)).toEqual([]);
    const names = Object.keys(doc.components.schemas).filter((n) => n !== ERROR_BODY_COMPONENT);
    expect(names).toHaveLength(1);
    expect(JSON.stringify(doc.paths)).toContain(`#/components/schemas/${names[0]}`);
  });

  it('when error codes share a status, then they share one response that lists them all', () => {
    const op = buildOpenApiDocument(probe).paths['/probe/{group}/items/{itemId}']?.post;
    expect(Object.keys(op?.responses ?? {})).toEqual(['201', '400', '404', '409']);
    const bad = op?.responses['400'];
    expect(bad?.description).toBe(
      `- \`VALIDATION_FAILED\` : ${errorCatalog.VALIDATION_FAILED.message}\n- \`MALFORMED_JSON\` : ${errorCatalog.MALFORMED_JSON.message}`,
    );
    expect(Object.keys(bad?.content?.['application/json']?.examples ?? {})).toEqual([
      'VALIDATION_FAILED',
      'MALFORMED_JSON',
    ]);
  });

  it('when params declare a field that is not in the path, then building fails loudly', () => {
    const wrong = defineRoute({
      ...probe[0],
      operationId: 'probeWrong',
      path: '/probe/:group',
    } as unknown as RouteDefinition);
    expect(() => buildOpenApiDocument([wrong])).toThrow(/"itemId" is not in \/probe\/:group/);
  });
});

// --- GET /api/docs -----------------------------------------------------------------------------

function pageApp(routes: readonly RouteDefinition[]) {
  const app = express();
  app.use('/api', docsPageRouter(routes));
  return app;
}

describe('GET /api/docs', () => {
  it('when asked, then an HTML page in French that lists every route with its policy, parameters and errors', async () => {
    const res = await request(pageApp(table)).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    for (const route of table) {
      expect(html).toContain(`id="op-${route.operationId}"`);
      expect(html).toContain(`<code>${route.operationId}</code>`);
      expect(html).toContain(`/api${toOpenApiPath(route.path).replace(/'/g, '&#39;')}`);
    }
    for (const tag of new Set(table.map((r) => r.tags[0] ?? ''))) {
      expect(html).toContain(`>${tag.replace(/'/g, '&#39;')}</h2>`);
    }
    expect(html).toContain("<dt>Qui peut l'appeler</dt>");
    expect(html).toContain('Public : tout le monde peut l&#39;appeler');
    expect(html).toContain('<h4>Paramètres</h4>');
    expect(html).toContain('<h4>Corps de la requête</h4>');
    expect(html).toContain(
      `<code>INVALID_CREDENTIALS</code></td><td>${errorCatalog.INVALID_CREDENTIALS.message}</td>`,
    );
    expect(html).toContain('href="/api/openapi.json"');
  });

  it('when served, then it loads nothing from elsewhere and has no script or inline style (CSP default-src self)', async () => {
    const html = (await request(pageApp(table)).get('/api/docs')).text;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('<link rel="stylesheet" href="/api/docs/docs.css">');
  });

  it('when the stylesheet is asked for, then it is served as CSS', async () => {
    const res = await request(pageApp(table)).get('/api/docs/docs.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.text).toContain('.operation');
    expect(res.text).not.toMatch(/url\(|@import/);
  });

  it('when route texts hold markup, then the page shows them escaped', async () => {
    const hostile = defineRoute({
      operationId: 'probeHostile',
      method: 'get',
      path: '/probe/hostile',
      summary: '<script>alert("x")</script> & co',
      tags: ['<img src=x onerror=alert(1)>'],
      policy: { kind: 'public' },
      response: {
        status: 200,
        schema: z.object({ '<b>': z.literal('</pre><script>') }),
        description: '<i>ok</i>',
      },
      errors: [],
      handler: async () => ({ '<b>': '</pre><script>' as const }),
    });
    const html = (await request(pageApp([hostile])).get('/api/docs')).text;
    expect(html).not.toMatch(/<script|<img|<i>|<b>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;i&gt;ok&lt;/i&gt;');
  });
});
