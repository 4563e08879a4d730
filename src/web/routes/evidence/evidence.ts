// The manufacturer's evidence page for one declaration (version or draft): the evidence already attached
// and what it found, and two upload forms, a password analysis and a security.txt. An upload goes through
// services.evidence.attachEvidence, which stores it and re-assesses the declaration in one transaction; the
// browser is then sent back to the page (POST/redirect/GET) with a banner and the new outcomes.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isIotlabelError } from '../../../errors.js';
import { MAX_SECURITY_TXT_BYTES, type EvidenceInput } from '../../../registry/evidence/evidence.js';
import type { DeclarationView, FieldProblem, SignedIn } from '../../../registry/index.js';
import type { WebContext } from '../../context.js';
import { orderedRegimes } from '../../models/assessment-model.js';
import { evidenceModel } from '../../models/evidence-model.js';
import { renderPage } from '../../render.js';
import { requireRole, signedInOf } from '../../session.js';
import { readUploadForm, type UploadForm } from '../../upload-form.js';
import {
  checkPasswordUpload,
  checkSecurityTxtUpload,
  MAX_ANALYSIS_BYTES,
  refusedDocument,
  type Checked,
  type PageError,
} from './upload.js';
import { ownDeclaration } from '../manufacturer.js';

const page = { schema: { hide: true } } as const;
const ADDED: Record<string, string> = {
  passwords: 'Password analysis added',
  'security-txt': 'security.txt added',
  withdrawn: 'Evidence withdrawn',
};

export const evidencePath = (declarationId: string) =>
  `/manufacturer/declarations/${encodeURIComponent(declarationId)}/evidence`;

interface Upload {
  kind: EvidenceInput['kind'];
  path: string;
  fileSize: number;
  check: (form: UploadForm) => Checked;
}

const UPLOADS: Upload[] = [
  { kind: 'passwords', path: 'passwords', fileSize: MAX_ANALYSIS_BYTES, check: checkPasswordUpload },
  { kind: 'security-txt', path: 'security-txt', fileSize: MAX_SECURITY_TXT_BYTES, check: checkSecurityTxtUpload },
];

export function evidenceRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const guard = { ...page, preHandler: requireRole('manufacturer') };

  async function render(
    reply: FastifyReply,
    me: SignedIn,
    declaration: DeclarationView,
    extra: { added?: string; errors?: PageError[]; values?: Record<string, string> },
    status = 200,
  ) {
    const [product, listed] = await Promise.all([
      services.products.getProduct(declaration.productId),
      services.evidence.listEvidence(me.actor, declaration.id),
    ]);
    const errors = extra.errors ?? [];
    return renderPage(
      ctx.env,
      reply,
      'pages/portal/evidence.njk',
      {
        product,
        declaration,
        evidence: evidenceModel(listed.evidence, ctx.today()),
        regimes: orderedRegimes(declaration.assessments, services.engine),
        added: extra.added === undefined ? null : (ADDED[extra.added] ?? null),
        errors,
        values: extra.values ?? {},
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]).reverse()),
        actionBase: evidencePath(declaration.id),
        maxAnalysisKb: MAX_ANALYSIS_BYTES / 1024,
        maxSecurityTxtKb: MAX_SECURITY_TXT_BYTES / 1024,
      },
      status,
    );
  }

  web.get<{ Params: { id: string }; Querystring: { added?: string } }>(
    '/manufacturer/declarations/:id/evidence',
    guard,
    async (request, reply) => {
      const me = signedInOf(request);
      return render(reply, me, await ownDeclaration(ctx, me, request.params.id), { added: request.query.added });
    },
  );

  // The forms' addresses, opened directly (a reload after an error, a bookmark): the page itself.
  for (const upload of UPLOADS) {
    web.get<{ Params: { id: string } }>(
      `/manufacturer/declarations/:id/evidence/${upload.path}`,
      guard,
      (request, reply) => reply.redirect(`${evidencePath(request.params.id)}#${upload.path}`, 303),
    );
  }

  // Withdrawing the current evidence of a kind: a reason, then the same page with a banner (or the error).
  web.post<{ Params: { id: string; evidenceId: string }; Body: { reason?: string } }>(
    '/manufacturer/declarations/:id/evidence/:evidenceId/withdraw',
    guard,
    async (request, reply) => {
      const me = signedInOf(request);
      const declaration = await ownDeclaration(ctx, me, request.params.id);
      const listed = await services.evidence.listEvidence(me.actor, declaration.id);
      const kind = listed.evidence.find((e) => e.id === request.params.evidenceId)?.kind ?? 'passwords';
      try {
        await services.evidence.withdrawEvidence(
          me.actor,
          declaration.id,
          request.params.evidenceId,
          String(request.body?.reason ?? ''),
        );
      } catch (error) {
        if (!isIotlabelError(error) || !['INPUT_INVALID', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
        const text =
          error.code === 'INPUT_INVALID' ? 'Say why you withdraw it (up to 1,000 characters)' : error.message;
        return render(reply, me, declaration, { errors: [{ text, href: `#reason-${kind}` }] }, 400);
      }
      return reply.redirect(`${evidencePath(declaration.id)}?added=withdrawn`, 303);
    },
  );

  void web.register(async (scope) => {
    // Oversize files are cut off and marked, not thrown, so the page can say so in its error summary.
    await scope.register(multipart, { throwFileSizeLimit: false });
    for (const upload of UPLOADS) {
      scope.post<{ Params: { id: string } }>(
        `/manufacturer/declarations/:id/evidence/${upload.path}`,
        { ...guard, config: { multipartCsrf: true } },
        async (request, reply) => {
          const me = signedInOf(request);
          // Ownership first: another organisation's declaration is "not found" before anything is read.
          const declaration = await ownDeclaration(ctx, me, request.params.id);
          const form = await readUploadForm(web, request, reply, {
            fileSize: upload.fileSize,
            fieldSize: MAX_SECURITY_TXT_BYTES,
            fields: 3,
          });
          if (form === null) return reply;
          // Only the pasted security.txt goes back into its box; a password file is never echoed.
          const values: Record<string, string> =
            upload.kind === 'security-txt' && !form.truncated.has('securityTxt')
              ? { securityTxt: form.fields.securityTxt ?? '' }
              : {};
          const checked = upload.check(form);
          if ('errors' in checked) return render(reply, me, declaration, { errors: checked.errors, values }, 400);
          try {
            await services.evidence.attachEvidence(me.actor, declaration.id, checked.input);
          } catch (error) {
            if (!isIotlabelError(error) || error.code !== 'EVIDENCE_INVALID') throw error;
            return render(
              reply,
              me,
              declaration,
              {
                errors: refusedDocument(
                  error.problems.map((p): FieldProblem => ({ path: p.path ?? '', message: p.message })),
                  upload.kind,
                ),
                values,
              },
              400,
            );
          }
          return reply.redirect(`${evidencePath(declaration.id)}?added=${upload.kind}`, 303);
        },
      );
    }
  });
}
