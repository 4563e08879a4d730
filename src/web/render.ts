// Renders a page template to the reply. Every page gets: a policy that lets GOV.UK Frontend's inline
// js-enabled snippet run, the request's path, the navigation, who is signed in, and `csrfField()` which a
// form calls to include its CSRF token (the token cookie is only set on pages that have a form).
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { ViewEnvironment } from './nunjucks-setup.js';
import { navigationFor } from './navigation.js';
import { CSRF_FIELD } from './csrf.js';

type CsrfReply = FastifyReply & { generateCsrf?: () => string };

/** The one inline script of GOV.UK Frontend's page template (govuk/template.njk), always the same text. */
export const INLINE_SNIPPET =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";
const SNIPPET_SOURCE = `'sha256-${createHash('sha256').update(INLINE_SNIPPET).digest('base64')}'`;

/**
 * Adds the snippet's hash to the script-src of the policy helmet already set for this reply. A hash, not a
 * nonce: a kept page's bytes are the same for every reader (and after a 304), and nothing in a page can make
 * another script match it. Only pages get it; the API's headers stay the same on every answer.
 */
export function allowInlineSnippet(reply: FastifyReply): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  // Every page gets the same policy from helmet: the rewritten one is worked out once.
  if (csp !== lastPolicy.given)
    lastPolicy = { given: csp, allowing: csp.replace(/script-src ([^;]*)/, `script-src $1 ${SNIPPET_SOURCE}`) };
  void reply.header('content-security-policy', lastPolicy.allowing);
}
let lastPolicy = { given: '', allowing: '' };

export function renderPage(
  env: ViewEnvironment,
  reply: FastifyReply,
  template: string,
  context: Record<string, unknown>,
  status = 200,
): FastifyReply {
  const r = reply as CsrfReply;
  const request = reply.request;
  const signedIn = request.signedIn ?? null;
  // One token per page: a second generateCsrf() in the same request would mint a second secret cookie.
  let token: string | undefined;
  const csrfField = () => {
    if (r.generateCsrf === undefined) return '';
    token ??= r.generateCsrf();
    return new nunjucks.runtime.SafeString(`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`);
  };
  allowInlineSnippet(reply);
  const html = env.render(template, {
    ...context,
    currentPath: request.url,
    signedIn,
    navigation: navigationFor(signedIn, request.url),
    csrfField,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
