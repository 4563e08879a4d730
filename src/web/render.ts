// Renders a page template to the reply. Every page gets: the CSP nonce (for GOV.UK Frontend's inline
// js-enabled snippet), the request's path, the navigation, who is signed in, and `csrfField()` which a
// form calls to include its CSRF token (the token cookie is only set on pages that have a form).
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import nunjucks from 'nunjucks';
import type { ViewEnvironment } from './nunjucks-setup.js';
import { navigationFor } from './navigation.js';
import { CSRF_FIELD } from './csrf.js';

type CsrfReply = FastifyReply & { generateCsrf?: () => string };

/**
 * A fresh nonce, added to the script-src of the policy helmet already set for this reply. Only pages get
 * one (the API's headers stay the same on every answer), and only GOV.UK Frontend's inline snippet carries it.
 */
function allowInlineSnippet(reply: FastifyReply): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp === 'string')
    void reply.header('content-security-policy', csp.replace(/script-src ([^;]*)/, `script-src $1 'nonce-${nonce}'`));
  return nonce;
}

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
  const html = env.render(template, {
    ...context,
    cspNonce: allowInlineSnippet(reply),
    currentPath: request.url,
    signedIn,
    navigation: navigationFor(signedIn, request.url),
    csrfField,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
