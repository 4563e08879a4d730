// Addresses that match no route. A browser asking for a page gets the "Page not found" page (with the
// navigation and sign-out form of whoever is signed in, so the handler lives in the pages' context); the
// API, the log, the key set, static files, the API documentation and any client not asking for HTML get
// the API's problem document, as before.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../registry/errors.js';

/** How the API answers an error (its problem document); app.ts hands it to the pages. */
export type ProblemAnswer = (request: FastifyRequest, reply: FastifyReply, error: unknown) => FastifyReply;

const MACHINE_PATHS = /^\/(?:v1|log|\.well-known|assets|docs|openapi\.json|healthz|readyz)(?:\/|$)/;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The weight an Accept header gives HTML and JSON (0 when not named; wildcards name neither). */
function weights(accept: string): { html: number; json: number } {
  let html = 0;
  let json = 0;
  for (const range of accept.split(',').slice(0, 50)) {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2)) || 0;
    if (HTML_TYPES.has(type)) html = Math.max(html, weight);
    else if (type === 'application/json' || type.endsWith('+json')) json = Math.max(json, weight);
  }
  return { html, json };
}

/** True for a person's browser asking for a page: not a machine address, and HTML preferred to JSON. */
export function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '/';
  if (MACHINE_PATHS.test(path)) return false;
  const accept = request.headers.accept;
  if (accept === undefined) return false;
  const { html, json } = weights(accept);
  return html > 0 && html > json;
}

/**
 * Sets the site's not-found handler in the pages' context. A page becomes a NotFound that the page error
 * handler renders; anything else goes to `apiProblem`. 404s never meet the CSRF check (see csrf.ts).
 */
export function installNotFound(web: FastifyInstance, apiProblem: ProblemAnswer | undefined): void {
  web.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (apiProblem !== undefined && !wantsPage(request))
      return apiProblem(request, reply, new NotFound(`no route ${request.method} ${path}`));
    throw new NotFound(`There is no page at ${path}.`);
  });
}
