// Sign in with email and password, and sign out. The form posts with a CSRF token; the answer to any
// wrong email or password is the same; attempts are rate-limited per address (and per email in the registry).
import type { FastifyInstance } from 'fastify';
import { isIotlabelError } from '../../errors.js';
import type { WebContext } from '../context.js';
import { rotateCsrf } from '../csrf.js';
import { ROLE_HOME } from '../navigation.js';
import { renderPage } from '../render.js';
import { clearSessionCookie, safeNext, setSessionCookie } from '../session.js';

const page = { schema: { hide: true } } as const;

export function signInRoutes(web: FastifyInstance, ctx: WebContext): void {
  web.get<{ Querystring: { next?: string } }>('/sign-in', page, (request, reply) => {
    if (request.signedIn)
      return reply.redirect(safeNext(request.query.next) ?? ROLE_HOME[request.signedIn.actor.role], 303);
    return renderPage(ctx.env, reply, 'pages/sign-in.njk', { next: safeNext(request.query.next) });
  });

  web.post<{ Body: { email?: string; password?: string; next?: string } }>(
    '/sign-in',
    {
      ...page,
      config: { rateLimit: { max: ctx.options.signInPerMinute, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const email = String(request.body?.email ?? '')
        .trim()
        .slice(0, 320);
      const password = String(request.body?.password ?? '');
      const next = safeNext(request.body?.next);
      const errors = [];
      if (email === '') errors.push({ text: 'Enter your email address', href: '#email' });
      if (password === '') errors.push({ text: 'Enter your password', href: '#password' });
      if (errors.length === 0) {
        try {
          const { sessionId, user } = await ctx.services.sessions.signIn(email, password);
          setSessionCookie(reply, ctx, sessionId);
          rotateCsrf(reply, ctx);
          return reply.redirect(next ?? ROLE_HOME[user.role], 303);
        } catch (error) {
          if (!isIotlabelError(error)) throw error;
          if (error.code === 'RATE_LIMITED')
            errors.push({
              text: 'You have tried to sign in too many times. Wait 15 minutes and try again.',
              href: '#email',
            });
          else if (error.code === 'UNAUTHENTICATED')
            errors.push({ text: 'Enter a correct email address and password', href: '#email' });
          else throw error;
        }
      }
      return renderPage(
        ctx.env,
        reply,
        'pages/sign-in.njk',
        { email, next, errors },
        errors.some((e) => e.text.startsWith('You have tried')) ? 429 : 400,
      );
    },
  );

  web.post('/sign-out', page, async (request, reply) => {
    if (request.sessionId) await ctx.services.sessions.signOut(request.sessionId);
    clearSessionCookie(reply, ctx);
    rotateCsrf(reply, ctx);
    return reply.redirect('/signed-out', 303);
  });

  web.get('/signed-out', page, (_request, reply) => renderPage(ctx.env, reply, 'pages/signed-out.njk', {}));
}
