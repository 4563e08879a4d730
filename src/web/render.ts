// Renders a page template to the reply. Every page gets the CSP nonce (for GOV.UK Frontend's inline
// js-enabled snippet) and the request's path; everything else comes from the route.
import type { FastifyReply } from 'fastify';
import type { ViewEnvironment } from './nunjucks-setup.js';

export function renderPage(env: ViewEnvironment, reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200): FastifyReply {
  const nonce = (reply as FastifyReply & { cspNonce?: { script?: string } }).cspNonce?.script;
  const html = env.render(template, { ...context, cspNonce: nonce, currentPath: reply.request.url });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
