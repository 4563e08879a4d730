// Sessions on the web side: the cookie, loading the signed-in user on each page request, and the guard
// that pages for one role put in front of their handlers. The registry's sessions use case does the rest.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SignedIn } from '../registry/index.js';
import { Forbidden } from '../registry/errors.js';
import type { WebContext } from './context.js';
import type { OrganisationKind } from '../registry/accounts/organisation-kinds.js';

export const SESSION_COOKIE = 'iotlabel_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The person signed in to the pages, or null. Set for every page route (not for /v1 or assets). */
    signedIn: SignedIn | null;
    /** The raw session id from the cookie (needed only to sign out). */
    sessionId: string | null;
  }
}

export function installSessions(web: FastifyInstance, ctx: WebContext): void {
  web.decorateRequest('signedIn', null);
  web.decorateRequest('sessionId', null);
  // Callback style: a reader with no session cookie (every QR scan) costs no promise and no look-up.
  web.addHook('onRequest', (request, reply, done) => {
    const id = request.cookies[SESSION_COOKIE];
    if (!id) return done();
    ctx.services.sessions.resume(id).then((signedIn) => {
      if (signedIn === null) {
        clearSessionCookie(reply, ctx);
        return done();
      }
      request.signedIn = signedIn;
      request.sessionId = id;
      // Pages of a signed-in person are private: never cached by shared or browser caches.
      void reply.header('cache-control', 'no-store');
      done();
    }, done);
  });
}

export function setSessionCookie(reply: FastifyReply, ctx: WebContext, sessionId: string): void {
  // No Expires: a browser-session cookie; the server-side row decides when the session ends.
  void reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.options.secureCookies,
  });
}

export function clearSessionCookie(reply: FastifyReply, ctx: WebContext): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.options.secureCookies,
  });
}

/** A safe place to return to after sign-in: a path on this site, never another host. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  return /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : null;
}

/**
 * preHandler for pages that need a signed-in person of one of `roles`: anyone else signed out is sent to
 * sign in (and back afterwards); a signed-in person of another role gets 403.
 */
export function requireRole(...roles: OrganisationKind[]): preHandlerAsyncHookHandler {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    if (request.signedIn === null) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${next}`, 303);
    }
    if (roles.length > 0 && !roles.includes(request.signedIn.actor.role)) {
      throw new Forbidden(
        `this page is for ${roles.join(' and ')} accounts; you are signed in for ${request.signedIn.organisationName} (${request.signedIn.actor.role})`,
      );
    }
  };
}

/** The signed-in person of a guarded route. */
export function signedInOf(request: FastifyRequest): SignedIn {
  if (request.signedIn === null) throw new Forbidden('sign in first');
  return request.signedIn;
}
