// Renders a page template to the reply. Every page gets: the CSP nonce (for GOV.UK Frontend's inline
// js-enabled snippet), the request's path, the navigation, who is signed in, and `csrfField()` which a
// form calls to include its CSRF token (the token cookie is only set on pages that have a form).
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { ViewEnvironment } from './nunjucks-setup.js';
import { navigationFor } from './navigation.js';
import { CSRF_FIELD } from './csrf.js';

type CsrfReply = FastifyReply & { generateCsrf?: () => string; cspNonce?: { script?: string } };

export function renderPage(env: ViewEnvironment, reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200): FastifyReply {
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
  const html = env.render(template, {
    ...context,
    cspNonce: r.cspNonce?.script,
    currentPath: request.url,
    signedIn,
    navigation: navigationFor(signedIn, request.url),
    csrfField,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
