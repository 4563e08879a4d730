// CSRF protection for every page form that POSTs: @fastify/csrf-protection's signed double-submit token.
// A random secret lives in an HttpOnly, SameSite=Strict cookie; each form carries a token made from it
// (`{{ csrfField() }}` in a template) and `verifyCsrf` refuses a POST whose token does not match.
// The secret is replaced at sign-in and sign-out, so a token never outlives the session it was shown in.
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from './context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A multipart form route that checks its CSRF token itself (verifyMultipartCsrf). */
    multipartCsrf?: boolean;
  }
}

export const CSRF_COOKIE = 'iotlabel_csrf';
export const CSRF_FIELD = '_csrf';

export async function installCsrf(web: FastifyInstance, ctx: WebContext): Promise<void> {
  await web.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: ctx.options.secureCookies },
    getToken: (request: FastifyRequest) =>
      ((request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] as string | undefined) ??
      MULTIPART_TOKENS.get(request),
  });
  // Every POST to a page is checked; pages have no other unsafe methods. A refusal reaches the page error
  // handler as FST_CSRF_INVALID_TOKEN or FST_CSRF_MISSING_SECRET (403), see isCsrfRefusal. A POST that
  // matches no route changes nothing and gets its 404 (the not-found handler lives in this context).
  web.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST' && !request.is404 && request.routeOptions.config.multipartCsrf !== true)
      web.csrfProtection(request, reply, done);
    else done();
  });
}

/** Forgets the CSRF secret (at sign-in and sign-out); the next form gets a new one. */
export function rotateCsrf(reply: FastifyReply, ctx: WebContext): void {
  void reply.clearCookie(CSRF_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.options.secureCookies,
  });
}

export function isCsrfRefusal(error: { code?: string }): boolean {
  return error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
}

// File uploads (multipart) are read as streams in the handler, so the token cannot be checked before it:
// such routes set `config: { multipartCsrf: true }`, send the token as the form's FIRST field, and call
// verifyMultipartCsrf with it before reading the file.
const MULTIPART_TOKENS = new WeakMap<FastifyRequest, string>();

/** True when `token` matches; otherwise the refusal has been sent (the plugin checks synchronously) and the handler returns the reply. */
export function verifyMultipartCsrf(
  web: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): boolean {
  if (token !== undefined) MULTIPART_TOKENS.set(request, token);
  let passed = false;
  web.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}
