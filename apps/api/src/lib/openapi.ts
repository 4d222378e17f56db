import { roleLabels } from '@jasmin/shared/auth/schemas';
import { errorBodySchema, errorCatalog, type ErrorCode } from '@jasmin/shared/errors';
import { z } from 'zod';
import apiPackage from '../../package.json';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../modules/auth/session-policy';
import type { HttpMethod, Policy, RouteDefinition } from './route-table';

/**
 * The OpenAPI 3.1 description of the API, generated from the route table: paths, operations,
 * parameters and bodies come from the routes and their zod schemas (zod's own JSON Schema
 * conversion), errors from the shared error catalog. Nothing is written by hand twice.
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
  examples?: Record<string, { summary: string; value: unknown }>;
}

export interface OpenApiResponse {
  description: string;
  /** JSON for every route but the file routes (`application/pdf`: a binary string). */
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  /** Who may call it, in French (see describePolicy). */
  description: string;
  tags: string[];
  /** `[]`: no authentication; otherwise any one of the listed schemes. */
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: { 'application/json': OpenApiMediaType } };
  responses: Record<string, OpenApiResponse>;
  /** The route's policy as declared in the table, for programs that want more than `security`. */
  'x-jasmin-policy': Policy;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

export const OPENAPI_VERSION = '3.1.0';
export const API_BASE_PATH = '/api';
/** Names of the security schemes in `components.securitySchemes`. */
export const SESSION_SCHEME = 'sessionCookie';
export const TOKEN_SCHEME = 'bearerToken';
/** Name of the shared error body in `components.schemas`. */
export const ERROR_BODY_COMPONENT = 'ErrorBody';

const JSON_TYPE = 'application/json';

/** `/users/:id/role` → `/users/{id}/role` (Express named parameters to OpenAPI templates). */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/[:*]([A-Za-z_$][\w$]*)/g, '{$1}');
}

/** The parameter names of an OpenAPI path template, in order. */
export function pathTemplateNames(openApiPath: string): string[] {
  return [...openApiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** Who may call a route, in French, for people reading the documentation. */
export function describePolicy(policy: Policy): string {
  switch (policy.kind) {
    case 'public':
      return "Public : tout le monde peut l'appeler, sans être connecté.";
    case 'session':
      return "Toute personne connectée (cookie de session), quel que soit son rôle. Les jetons d'accès ne sont pas acceptés.";
    case 'roles': {
      const labels = policy.roles.map((r) => roleLabels[r]);
      const who =
        labels.length === 1
          ? `Personnes connectées ayant le rôle ${labels[0]}.`
          : `Personnes connectées ayant l'un de ces rôles : ${frenchList(labels)}.`;
      const tokens = policy.tokens
        ? " Les jetons d'accès (lecture seule) sont aussi acceptés."
        : " Les jetons d'accès ne sont pas acceptés.";
      return who + tokens;
    }
  }
}

function securityOf(policy: Policy): Record<string, string[]>[] {
  if (policy.kind === 'public') return [];
  if (policy.kind === 'roles' && policy.tokens)
    return [{ [SESSION_SCHEME]: [] }, { [TOKEN_SCHEME]: [] }];
  return [{ [SESSION_SCHEME]: [] }];
}

// --- zod → JSON Schema ---------------------------------------------------------------------

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['const', 'default', 'enum', 'examples', 'example']);

function mapRefs(node: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => mapRefs(n, rewrite));
  if (!isRecord(node)) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out[key] = rewrite(value);
    else if (DATA_KEYWORDS.has(key)) out[key] = value;
    else out[key] = mapRefs(value, rewrite);
  }
  return out;
}

function containsRootRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsRootRef);
  if (!isRecord(node)) return false;
  return Object.entries(node).some(([key, value]) =>
    key === '$ref' ? value === '#' : !DATA_KEYWORDS.has(key) && containsRootRef(value),
  );
}

function componentRef(name: string): string {
  return `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Converts zod schemas with `z.toJSONSchema` and moves what zod puts in `$defs` (schemas with a
 * metadata `id`, recursive schemas) into `components.schemas`: inside an OpenAPI document,
 * `#/$defs/…` would point at the document's root, not at the schema.
 */
class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output', hint: string): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      cycles: 'ref',
      reused: 'inline',
    }) as JsonSchema;
    // The document's dialect (OpenAPI 3.1's, a superset of draft 2020-12) applies.
    delete json.$schema;
    const defs = isRecord(json.$defs) ? json.$defs : {};
    delete json.$defs;

    const taken = new Set<string>();
    const names = new Map<string, string>();
    for (const name of Object.keys(defs)) {
      const preferred = name.startsWith('__') ? `${hint}${name.replace(/^_+schema/, '_')}` : name;
      names.set(name, this.freshName(preferred, taken));
    }
    const rootName = containsRootRef(json) ? this.freshName(hint, taken) : undefined;
    const rewrite = (ref: string): string => {
      if (ref === '#' && rootName) return componentRef(rootName);
      const match = /^#\/\$defs\/([^/]+)(.*)$/.exec(ref);
      if (!match) return ref;
      const target = names.get(decodePointerSegment(match[1] ?? ''));
      return target ? componentRef(target) + (match[2] ?? '') : ref;
    };
    for (const [name, def] of Object.entries(defs)) {
      this.components[names.get(name) as string] = mapRefs(def, rewrite) as JsonSchema;
    }
    const root = mapRefs(json, rewrite) as JsonSchema;
    if (!rootName) return root;
    this.components[rootName] = root;
    return { $ref: componentRef(rootName) };
  }

  /** Registers a schema under a fixed name (the shared ones: error body). */
  register(name: string, schema: z.ZodType, io: 'input' | 'output'): string {
    const json = this.convert(schema, io, name);
    // A recursive schema is already hoisted (under `name`, which was free).
    if (Object.keys(json).length === 1 && typeof json.$ref === 'string') return json.$ref;
    this.components[name] = json;
    return componentRef(name);
  }

  private freshName(preferred: string, taken: Set<string>): string {
    const base = preferred.replace(/[^\w.-]/g, '_') || 'Schema';
    let name = base;
    for (let i = 2; name in this.components || taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  }
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Merges the properties of an object schema (and of the members of an `allOf`). */
function objectProperties(json: JsonSchema): {
  properties: Record<string, JsonSchema>;
  required: Set<string>;
} {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  const members = Array.isArray(json.allOf) ? json.allOf.filter(isRecord) : [json];
  for (const member of members) {
    if (isRecord(member.properties)) {
      for (const [name, schema] of Object.entries(member.properties)) {
        if (isRecord(schema)) properties[name] = schema;
      }
    }
    if (Array.isArray(member.required)) {
      for (const name of member.required) if (typeof name === 'string') required.add(name);
    }
  }
  return { properties, required };
}

function parametersOf(
  route: RouteDefinition,
  openApiPath: string,
  converter: SchemaConverter,
): OpenApiParameter[] {
  const parameters: OpenApiParameter[] = [];
  const hint = capitalized(route.operationId);
  const declared = (part: 'params' | 'query') => {
    const schema = route.request?.[part];
    if (!schema) return { properties: {}, required: new Set<string>() };
    const json = converter.convert(schema, 'input', `${hint}${capitalized(part)}`);
    const props = objectProperties(json);
    if (Object.keys(props.properties).length === 0 && json.type !== 'object') {
      throw new Error(
        `route ${route.operationId}: request.${part} must be an object schema to be documented`,
      );
    }
    return props;
  };

  const params = declared('params');
  const templateNames = pathTemplateNames(openApiPath);
  for (const name of Object.keys(params.properties)) {
    if (!templateNames.includes(name)) {
      throw new Error(
        `route ${route.operationId}: path parameter "${name}" is not in ${route.path}`,
      );
    }
  }
  for (const name of templateNames) {
    const { description, ...schema } = params.properties[name] ?? { type: 'string' };
    parameters.push({
      name,
      in: 'path',
      required: true,
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    });
  }

  const query = declared('query');
  for (const [name, { description, ...schema }] of Object.entries(query.properties)) {
    parameters.push({
      name,
      in: 'query',
      required: query.required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    });
  }
  return parameters;
}

/** An example error body, as the API would send it. */
function errorExample(code: ErrorCode): unknown {
  return {
    error: {
      code,
      message: errorCatalog[code].message,
      ...(code === 'VALIDATION_FAILED'
        ? { fieldErrors: { 'body.name': ['Ce champ est obligatoire.'] } }
        : {}),
      requestId: '5f0c6a1e-3d7b-4c2a-9f43-2b8e1d6c7a90',
    },
  };
}

/** One response per HTTP status, listing its codes with their French messages. */
function errorResponses(
  codes: readonly ErrorCode[],
  errorBodyRef: string,
): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = errorCatalog[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: group.map((code) => `- \`${code}\` : ${errorCatalog[code].message}`).join('\n'),
      content: {
        [JSON_TYPE]: {
          schema: { $ref: errorBodyRef },
          examples: Object.fromEntries(
            group.map((code) => [
              code,
              { summary: errorCatalog[code].message, value: errorExample(code) },
            ]),
          ),
        },
      },
    };
  }
  return responses;
}

function operationOf(
  route: RouteDefinition,
  openApiPath: string,
  converter: SchemaConverter,
  errorBodyRef: string,
): OpenApiOperation {
  const hint = capitalized(route.operationId);
  const parameters = parametersOf(route, openApiPath, converter);
  const body = route.request?.body;
  const responses: Record<string, OpenApiResponse> = {
    [String(route.response.status)]: {
      description: route.response.description,
      content: route.response.contentType
        ? { [route.response.contentType]: { schema: { type: 'string', format: 'binary' } } }
        : {
            [JSON_TYPE]: {
              schema: converter.convert(route.response.schema, 'output', `${hint}Response`),
            },
          },
    },
  };
  for (const [status, response] of Object.entries(errorResponses(route.errors, errorBodyRef))) {
    if (!(status in responses)) responses[status] = response;
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: describePolicy(route.policy),
    tags: [...route.tags],
    security: securityOf(route.policy),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            // A body schema that accepts nothing at all makes the body optional.
            required: !body.safeParse(undefined).success,
            content: { [JSON_TYPE]: { schema: converter.convert(body, 'input', `${hint}Body`) } },
          },
        }
      : {}),
    responses,
    'x-jasmin-policy': structuredClone(route.policy) as Policy,
  };
}

const DESCRIPTION = [
  'API REST de Jasmin : repérage et suivi des jeunes de 16 à 18 ans sortis sans diplôme ni solution (obligation de formation).',
  `**Connexion.** Une personne se connecte par \`POST ${API_BASE_PATH}/auth/login\` ; sa session est gardée dans le cookie HttpOnly \`${SESSION_COOKIE}\` (\`${SECURE_SESSION_COOKIE}\` en HTTPS). ` +
    "Un programme utilise un jeton d'accès, en lecture seule, dans l'en-tête `Authorization: Bearer <jeton>`, sur les seules routes qui l'acceptent.",
  "**Écritures.** Un navigateur ne peut écrire que depuis l'application Jasmin elle-même (en-têtes `Sec-Fetch-Site` et `Origin`) : sinon `403 CSRF_REJECTED`.",
  '**Périmètre.** Chacun ne voit que les données de son périmètre (académie, district ou établissement) : une ressource hors périmètre répond `404 NOT_FOUND`, jamais `403`.',
  '**Erreurs.** Toute erreur a le même corps `{ "error": { "code", "message", "fieldErrors"?, "requestId" } }` : les programmes se fient au `code`, stable ; le `message`, en français, est pour les personnes ; `requestId` permet de retrouver la requête dans les journaux. ' +
    'Toute route peut aussi répondre `500 INTERNAL_ERROR` ou `503 DATABASE_UNAVAILABLE`.',
  `Référence lisible : \`${API_BASE_PATH}/docs\`.`,
].join('\n\n');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function generate(table: readonly RouteDefinition[]): OpenApiDocument {
  const converter = new SchemaConverter();
  const errorBodyRef = converter.register(ERROR_BODY_COMPONENT, errorBodySchema, 'output');
  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  for (const route of table) {
    const openApiPath = toOpenApiPath(route.path);
    const item = (paths[openApiPath] ??= {});
    item[route.method] = operationOf(route, openApiPath, converter, errorBodyRef);
    for (const tag of route.tags) if (!tags.includes(tag)) tags.push(tag);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'API Jasmin', version: apiPackage.version, description: DESCRIPTION },
    servers: [{ url: API_BASE_PATH }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: converter.components,
      securitySchemes: {
        [SESSION_SCHEME]: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `Session d'une personne connectée, ouverte par \`POST ${API_BASE_PATH}/auth/login\` (cookie \`${SECURE_SESSION_COOKIE}\` en HTTPS).`,
        },
        [TOKEN_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            "Jeton d'accès en lecture seule, créé par un administrateur, pour les programmes.",
        },
      },
    },
  };
}

const cache = new WeakMap<readonly RouteDefinition[], OpenApiDocument>();

/**
 * The OpenAPI 3.1 document of a route table. Built once per table and cached; the result is
 * deeply frozen (it is shared by every request).
 */
export function buildOpenApiDocument(table: readonly RouteDefinition[]): OpenApiDocument {
  let doc = cache.get(table);
  if (!doc) {
    doc = deepFreeze(generate(table));
    cache.set(table, doc);
  }
  return doc;
}
