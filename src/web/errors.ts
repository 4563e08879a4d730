// Errors on pages become pages: 404 "Page not found", 403, 429, "form expired" for a refused CSRF token,
// and a plain "Sorry, there is a problem" for anything unexpected (logged, never shown).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isIotlabelError } from '../errors.js';
import type { WebContext } from './context.js';
import { isCsrfRefusal } from './csrf.js';
import { wantsPage, type ProblemAnswer } from './not-found.js';
import { renderPage } from './render.js';

interface ErrorPage {
  status: number;
  pageTitle: string;
  paragraphs: string[];
  detail?: string;
}

function pageFor(error: FastifyError | Error): ErrorPage {
  if (isCsrfRefusal(error as FastifyError)) {
    return {
      status: 403,
      pageTitle: 'This form has expired',
      paragraphs: [
        'The form was open for too long, or it was not sent from this service. Go back, reload the page and try again.',
      ],
    };
  }
  if (isIotlabelError(error)) {
    switch (error.code) {
      case 'NOT_FOUND':
        return {
          status: 404,
          pageTitle: 'Page not found',
          paragraphs: [
            'If you typed the web address, check it is correct.',
            'If you pasted the web address, check you copied the entire address.',
          ],
          detail: error.message,
        };
      case 'FORBIDDEN':
        return {
          status: 403,
          pageTitle: 'You cannot see this page',
          paragraphs: ['Your account does not give you access to this page.'],
          detail: error.message,
        };
      case 'RATE_LIMITED':
        return { status: 429, pageTitle: 'Too many attempts', paragraphs: ['Wait a few minutes and try again.'] };
      case 'PAYLOAD_TOO_LARGE':
        return {
          status: 413,
          pageTitle: 'What you sent is too large',
          paragraphs: ['Go back and send less.'],
          detail: error.message,
        };
      default:
        if (error.status < 500)
          return {
            status: error.status,
            pageTitle: 'There is a problem with what you sent',
            paragraphs: ['Go back and check your answers.'],
            detail: error.message,
          };
    }
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413)
    return { status, pageTitle: 'What you sent is too large', paragraphs: ['Go back and send less.'] };
  if (status !== undefined && status >= 400 && status < 500)
    return { status, pageTitle: 'There is a problem with what you sent', paragraphs: ['Go back and try again.'] };
  return { status: 500, pageTitle: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.'] };
}

/** `apiProblem` answers the errors of a machine's request that matched no route (e.g. a body it could not read). */
export function pageErrorHandler(ctx: WebContext, apiProblem?: ProblemAnswer) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404 && apiProblem !== undefined && !wantsPage(request)) return apiProblem(request, reply, error);
    const page = pageFor(error);
    if (page.status >= 500) request.log.error({ err: error }, 'page failed');
    return renderPage(
      ctx.env,
      reply,
      'pages/error.njk',
      { pageTitle: page.pageTitle, paragraphs: page.paragraphs, detail: page.detail },
      page.status,
    );
  };
}
