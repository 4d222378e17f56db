import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCatalog, type ErrorCode } from '@jasmin/shared/errors';
import {
  API_BASE_PATH,
  ERROR_BODY_COMPONENT,
  buildOpenApiDocument,
  describePolicy,
  toOpenApiPath,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
} from '../../lib/openapi';
import type { RouteDefinition } from '../../lib/route-table';

/**
 * The readable API reference: one server-rendered HTML page, built from the same OpenAPI
 * document as `/openapi.json`. No script, no inline style, nothing from elsewhere: it passes
 * the API's Content-Security-Policy (`default-src 'self'`) as it is.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const METHOD_LABELS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

const LOCATION_LABELS: Record<string, string> = { path: 'chemin', query: 'requête' };

/** `Établissements` → `etablissements`: for fragment identifiers. */
function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

function pretty(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema, null, 2));
}

function compact(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema));
}

function schemaBlock(label: string, schema: JsonSchema): string {
  return `<details class="schema"><summary>${escapeHtml(label)}</summary><pre><code>${pretty(schema)}</code></pre></details>`;
}

function methodBadge(method: string): string {
  const label = METHOD_LABELS[method] ?? method.toUpperCase();
  return `<span class="method method-${escapeHtml(method)}">${escapeHtml(label)}</span>`;
}

function renderParameters(op: OpenApiOperation): string {
  if (!op.parameters?.length) return '';
  const rows = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(LOCATION_LABELS[p.in] ?? p.in)}</td>` +
        `<td>${p.required ? 'oui' : 'non'}</td><td><code class="inline-schema">${compact(p.schema)}</code>` +
        `${p.description ? ` <span>${escapeHtml(p.description)}</span>` : ''}</td></tr>`,
    )
    .join('');
  return (
    '<h4>Paramètres</h4><div class="table-wrap"><table><thead><tr><th scope="col">Nom</th><th scope="col">Où</th>' +
    `<th scope="col">Obligatoire</th><th scope="col">Schéma</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function renderRequestBody(op: OpenApiOperation): string {
  const body = op.requestBody;
  if (!body) return '';
  const schema = body.content['application/json'].schema;
  return (
    `<h4>Corps de la requête</h4><p>JSON${body.required ? ', obligatoire' : ', facultatif'}.</p>` +
    schemaBlock('Schéma JSON du corps', schema)
  );
}

function renderSuccess(route: RouteDefinition, op: OpenApiOperation): string {
  const status = String(route.response.status);
  const response = op.responses[status];
  const schema = response?.content?.['application/json']?.schema;
  const file = route.response.contentType;
  return (
    `<h4>Réponse</h4><p><strong class="status">${escapeHtml(status)}</strong> ${escapeHtml(route.response.description)}</p>` +
    (file ? `<p>Fichier <code>${escapeHtml(file)}</code> (pas du JSON).</p>` : '') +
    (schema ? schemaBlock(`Schéma JSON de la réponse ${status}`, schema) : '')
  );
}

function renderErrors(route: RouteDefinition): string {
  const codes = [...new Set(route.errors)].sort(
    (a, b) => errorCatalog[a].status - errorCatalog[b].status || a.localeCompare(b),
  );
  if (codes.length === 0) return '';
  const rows = codes
    .map(
      (code) =>
        `<tr><td class="status">${errorCatalog[code].status}</td><td><code>${escapeHtml(code)}</code></td>` +
        `<td>${escapeHtml(errorCatalog[code].message)}</td></tr>`,
    )
    .join('');
  return (
    '<h4>Erreurs</h4><div class="table-wrap"><table><thead><tr><th scope="col">Statut</th><th scope="col">Code</th>' +
    `<th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function renderOperation(route: RouteDefinition, doc: OpenApiDocument, basePath: string): string {
  const path = toOpenApiPath(route.path);
  const op = doc.paths[path]?.[route.method];
  if (!op) throw new Error(`route ${route.operationId} is missing from the OpenAPI document`);
  const otherTags = route.tags.slice(1);
  return `<article class="operation" id="op-${escapeHtml(route.operationId)}">
<h3>${methodBadge(route.method)} <code class="path">${escapeHtml(basePath + path)}</code></h3>
<p class="summary">${escapeHtml(route.summary)}</p>
<dl class="facts">
<dt>Identifiant</dt><dd><code>${escapeHtml(route.operationId)}</code></dd>
<dt>Qui peut l'appeler</dt><dd>${escapeHtml(describePolicy(route.policy))}</dd>
${otherTags.length ? `<dt>Aussi dans</dt><dd>${otherTags.map(escapeHtml).join(', ')}</dd>\n` : ''}</dl>
${renderParameters(op)}
${renderRequestBody(op)}
${renderSuccess(route, op)}
${renderErrors(route)}
</article>`;
}

function groupByTag(table: readonly RouteDefinition[]): Map<string, RouteDefinition[]> {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of table) {
    const tag = route.tags[0] ?? 'Autres';
    groups.set(tag, [...(groups.get(tag) ?? []), route]);
  }
  return groups;
}

function renderErrorCatalog(doc: OpenApiDocument): string {
  const rows = (Object.keys(errorCatalog) as ErrorCode[])
    .map(
      (code) =>
        `<tr><td class="status">${errorCatalog[code].status}</td><td><code>${escapeHtml(code)}</code></td>` +
        `<td>${escapeHtml(errorCatalog[code].message)}</td></tr>`,
    )
    .join('');
  const errorBody = doc.components.schemas[ERROR_BODY_COMPONENT];
  return `<section id="erreurs" aria-labelledby="erreurs-titre">
<h2 id="erreurs-titre">Codes d'erreur</h2>
<p>Toute erreur a le même corps JSON. Les programmes se fient au <code>code</code>, qui est stable ; le <code>message</code>, en français, s'adresse aux personnes ; <code>requestId</code> permet de retrouver la requête dans les journaux.</p>
${errorBody ? schemaBlock("Schéma JSON du corps d'erreur", errorBody) : ''}
<div class="table-wrap"><table><thead><tr><th scope="col">Statut</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

function renderSharedSchemas(doc: OpenApiDocument): string {
  const names = Object.keys(doc.components.schemas).filter((n) => n !== ERROR_BODY_COMPONENT);
  if (names.length === 0) return '';
  return `<section id="schemas" aria-labelledby="schemas-titre">
<h2 id="schemas-titre">Schémas partagés</h2>
<p>Les schémas ci-dessus y renvoient par <code>$ref</code> (<code>#/components/schemas/…</code>).</p>
${names.map((n) => `<h3 id="schema-${escapeHtml(slug(n))}"><code>${escapeHtml(n)}</code></h3>${schemaBlock(`Schéma JSON ${n}`, doc.components.schemas[n] ?? {})}`).join('\n')}
</section>`;
}

export interface DocsPageLinks {
  /** Where the page's stylesheet is served, e.g. `/api/docs/docs.css`. */
  cssHref: string;
  /** Where the OpenAPI document is served, e.g. `/api/openapi.json`. */
  openApiHref: string;
}

/** The whole HTML page for a route table. */
export function renderDocsPage(table: readonly RouteDefinition[], links: DocsPageLinks): string {
  const doc = buildOpenApiDocument(table);
  const basePath = doc.servers[0]?.url ?? '';
  const groups = [...groupByTag(table)].map(([tag, routes], i) => ({
    tag,
    routes,
    id: `tag-${i + 1}-${slug(tag)}`,
  }));

  const toc = groups
    .map(
      (g) =>
        `<li><a href="#${escapeHtml(g.id)}">${escapeHtml(g.tag)}</a><ul>` +
        g.routes
          .map(
            (r) =>
              `<li><a href="#op-${escapeHtml(r.operationId)}">${methodBadge(r.method)} <code>${escapeHtml(toOpenApiPath(r.path))}</code></a></li>`,
          )
          .join('') +
        '</ul></li>',
    )
    .join('\n');

  const sections = groups
    .map(
      (g) =>
        `<section id="${escapeHtml(g.id)}" aria-labelledby="${escapeHtml(g.id)}-titre">\n<h2 id="${escapeHtml(g.id)}-titre">${escapeHtml(g.tag)}</h2>\n` +
        g.routes.map((r) => renderOperation(r, doc, basePath)).join('\n') +
        '\n</section>',
    )
    .join('\n');

  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — référence</title>
<link rel="stylesheet" href="${escapeHtml(links.cssHref)}">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="page-header">
<h1>${escapeHtml(doc.info.title)} <span class="version">version ${escapeHtml(doc.info.version)}</span></h1>
<p>Référence des routes de l'API, produite à partir de la table des routes et de leurs schémas : elle est toujours à jour. Toutes les adresses commencent par <code>${escapeHtml(basePath)}</code> ; les corps sont en JSON.</p>
<p>Description OpenAPI 3.1, pour les programmes : <a href="${escapeHtml(links.openApiHref)}">${escapeHtml(links.openApiHref)}</a>.</p>
<ul class="intro">
<li><strong>Connexion.</strong> Une personne se connecte par <code>POST ${escapeHtml(basePath)}/auth/login</code> ; sa session est gardée dans un cookie HttpOnly. Un programme utilise un jeton d'accès, en lecture seule, dans l'en-tête <code>Authorization: Bearer …</code>, sur les seules routes qui l'acceptent.</li>
<li><strong>Périmètre.</strong> Chacun ne voit que les données de son périmètre : une ressource hors périmètre répond <code>404 NOT_FOUND</code>.</li>
<li><strong>Erreurs.</strong> Voir les <a href="#erreurs">codes d'erreur</a>. Toute route peut aussi répondre <code>500 INTERNAL_ERROR</code> ou <code>503 DATABASE_UNAVAILABLE</code>.</li>
</ul>
</header>
<div class="layout">
<nav class="toc" aria-label="Sommaire">
<h2>Sommaire</h2>
<ul>
${toc}
<li><a href="#erreurs">Codes d'erreur</a></li>
</ul>
</nav>
<main id="contenu">
${sections}
${renderErrorCatalog(doc)}
${renderSharedSchemas(doc)}
</main>
</div>
</body>
</html>
`;
}

/** Where the router serves the stylesheet and the document, under the API's base path. */
export const DEFAULT_DOCS_LINKS: DocsPageLinks = {
  cssHref: `${API_BASE_PATH}/docs/docs.css`,
  openApiHref: `${API_BASE_PATH}/openapi.json`,
};

const pageCache = new WeakMap<readonly RouteDefinition[], string>();

/** renderDocsPage with the default links, once per table. */
export function docsPage(table: readonly RouteDefinition[]): string {
  let html = pageCache.get(table);
  if (html === undefined) pageCache.set(table, (html = renderDocsPage(table, DEFAULT_DOCS_LINKS)));
  return html;
}

let css: string | undefined;

/** The page's stylesheet (docs.css, beside this file). */
export function docsCss(): string {
  css ??= readFileSync(join(__dirname, 'docs.css'), 'utf8');
  return css;
}
