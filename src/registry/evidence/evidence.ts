// Evidence behind a declaration's claims: a password-batch analysis (made on the manufacturer's machine by
// `iotlabel passwords --json`; the passwords never come here) and a security.txt (uploaded, or fetched by
// the registry from the declaration's securityTxtUrl behind the SSRF guard). Each upload is a new immutable
// row with its SHA-256, written with its audit entry and event through the write seam; in the same
// transaction the declaration is re-assessed with its current evidence and its stored assessments replaced,
// so sellability and pages follow at once.
import { todayUtc } from '../../calendar.js';
import { parseSecurityTxt } from '../../evidence/securitytxt/parse.js';
import { notASecurityTxt } from '../../evidence/securitytxt/plausible.js';
import { securityTxtEvidence } from '../../evidence/securitytxt/summary.js';
import type { SecurityTxtResult } from '../../evidence/securitytxt/types.js';
import { fetchSecurityTxt, securityTxtHost } from '../../net/fetch-security-txt.js';
import type { FetchFunction } from '../../net/fetch-limited.js';
import { declarations, evidence as evidenceRows, newId } from '../../store/index.js';
import type { DeclarationRow, EvidenceRow, Executor, NewAssessmentRow } from '../../store/index.js';
import { mayWriteFor, seesPrivateOf, type Actor, type Viewer } from '../actor.js';
import { canonicalJson, sha256Hex } from '../log/canonical-json.js';
import { EvidenceInvalid } from './errors.js';
import { AddressNotAllowed } from '../../net/errors.js';
import { checkHost, type AddressPolicy } from '../../net/address-policy.js';
import { guardedFetch } from '../../net/guarded-fetch.js';
import { checkPasswordEvidence } from './passwords.js';
import { evidenceSummaryOf, type StoredSecurityTxtSummary } from './summary.js';
import { evidenceView, type EvidenceView } from './view.js';
import { Conflict, Forbidden, InputInvalid, NotFound } from '../errors.js';
import { declarationView, type DeclarationView } from '../products/views.js';
import type { RegistryDeps } from '../deps.js';
import type { EvidenceKind } from '../../evidence/kinds.js';

export type EvidenceInput =
  | { kind: 'passwords'; document: unknown }
  | { kind: 'security-txt'; text: string }
  | { kind: 'security-txt'; fetch: true };

export interface EvidenceOptions extends AddressPolicy {
  /** Injected by tests that must not touch the network; the SSRF guard's host check still runs first. */
  fetch?: FetchFunction;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
}

export const MAX_SECURITY_TXT_BYTES = 32_768;

interface Prepared {
  kind: EvidenceKind;
  document: string;
  summary: unknown;
  source: 'upload' | 'fetch';
  sourceUrl: string | null;
}

export function createEvidenceUseCases(deps: RegistryDeps, options: EvidenceOptions = {}) {
  const { store, writer, engine, clock } = deps;
  const today = () => todayUtc(clock);

  function securityTxtSummary(result: SecurityTxtResult): StoredSecurityTxtSummary {
    return {
      ...securityTxtEvidence(result),
      expiresAt: result.expiresAt,
      signed: result.signed,
      recommendations: result.recommendations.map((r) => ({
        code: r.code,
        message: r.line === null ? r.message : `line ${r.line}: ${r.message}`,
      })),
    };
  }

  function prepareText(text: string, source: 'upload' | 'fetch', sourceUrl: string | null, path: string): Prepared {
    if (text.trim() === '') throw new EvidenceInvalid([{ path, message: 'is empty' }]);
    if (Buffer.byteLength(text, 'utf8') > MAX_SECURITY_TXT_BYTES)
      throw new EvidenceInvalid([{ path, message: `is larger than ${MAX_SECURITY_TXT_BYTES} bytes` }]);
    const wrongKind = notASecurityTxt(text);
    if (wrongKind !== undefined) throw new EvidenceInvalid([{ path, message: wrongKind }]);
    const result = parseSecurityTxt(text, { now: clock(), ...(sourceUrl ? { urls: [sourceUrl] } : {}) });
    return { kind: 'security-txt', document: text, summary: securityTxtSummary(result), source, sourceUrl };
  }

  async function fetchFor(declaration: DeclarationRow): Promise<Prepared> {
    const url = (JSON.parse(declaration.document) as { vulnerabilityDisclosure?: { securityTxtUrl?: string } })
      .vulnerabilityDisclosure?.securityTxtUrl;
    if (!url)
      throw new EvidenceInvalid([
        {
          path: '/fetch',
          message: `declaration ${declaration.id} has no vulnerabilityDisclosure.securityTxtUrl to fetch from`,
        },
      ]);
    let host: string;
    try {
      host = securityTxtHost(url);
    } catch (error) {
      throw new EvidenceInvalid([
        { path: '/fetch', message: `vulnerabilityDisclosure.securityTxtUrl: ${(error as Error).message}` },
      ]);
    }
    await checkHost(new URL(`http://${host}`).hostname, options);
    const guard = guardedFetch(options);
    const fetched = await fetchSecurityTxt(url, {
      now: clock(),
      fetch: options.fetch ?? guard.fetch,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
    if (guard.refused.length > 0)
      throw new AddressNotAllowed(
        `the registry does not fetch from ${guard.refused[0]}: it is reached through a redirect or a second look-up that points to an internal address`,
      );
    if (fetched.body === null || fetched.url === null) {
      const reason = fetched.result.errors.map((e) => e.message).join('; ');
      throw new EvidenceInvalid([{ path: '/fetch', message: `no security.txt could be read for ${host}: ${reason}` }]);
    }
    const text = Buffer.from(fetched.body).toString('utf8');
    const prepared = prepareText(text, 'fetch', fetched.url, '/fetch');
    return { ...prepared, summary: securityTxtSummary(fetched.result) };
  }

  /** Re-assesses the declaration with its current evidence and replaces its stored assessments (in `trx`). */
  async function reassess(trx: Executor, declaration: DeclarationRow) {
    const at = today();
    const current = await evidenceRows.currentEvidenceOf(trx, declaration.id);
    const assessments = engine.assessAll(engine.parseDeclaration(JSON.parse(declaration.document)), {
      at,
      evidence: evidenceSummaryOf(current, at),
    });
    const assessmentRows: NewAssessmentRow[] = assessments.map((a) => ({
      declarationId: declaration.id,
      regime: a.regime,
      at: a.at,
      outcome: a.outcome,
      sellable: a.sellable ? 1 : 0,
      result: JSON.stringify(a),
    }));
    await evidenceRows.replaceAssessments(trx, declaration.id, assessmentRows);
    return { assessments };
  }

  async function loadDeclaration(viewer: Viewer, declarationId: string): Promise<DeclarationRow> {
    const row = await declarations.findDeclaration(store.db, declarationId);
    if (!row || (row.status === 'draft' && !seesPrivateOf(viewer, row.organisationId)))
      throw new NotFound(`no declaration with id ${declarationId}`);
    return row;
  }

  /** Attaches one evidence document to a declaration (version or draft) and re-assesses the declaration. */
  async function attachEvidence(
    actor: Actor,
    declarationId: string,
    input: EvidenceInput,
  ): Promise<{ evidence: EvidenceView; declaration: DeclarationView }> {
    const found = await loadDeclaration(actor, declarationId);
    if (!mayWriteFor(actor, found.organisationId))
      throw new Forbidden(`declaration ${declarationId} belongs to another organisation`);
    let prepared: Prepared;
    if (input.kind === 'passwords') {
      const { document, summary } = checkPasswordEvidence(input.document);
      prepared = { kind: 'passwords', document: canonicalJson(document), summary, source: 'upload', sourceUrl: null };
    } else if ('text' in input) {
      prepared = prepareText(input.text, 'upload', null, '/text');
    } else {
      // Fetched before the write transaction: the network never holds the writer lock.
      prepared = await fetchFor(found);
    }
    return writer.write(actor, async (ctx) => {
      const declaration = await declarations.findDeclaration(ctx.trx, declarationId);
      if (!declaration) throw new NotFound(`no declaration with id ${declarationId}`);
      const row: EvidenceRow = {
        id: newId('evd'),
        declarationId,
        seq: await evidenceRows.nextEvidenceSeq(ctx.trx, declarationId),
        productId: declaration.productId,
        organisationId: declaration.organisationId,
        kind: prepared.kind,
        sha256: sha256Hex(prepared.document),
        document: prepared.document,
        summary: JSON.stringify(prepared.summary),
        source: prepared.source,
        sourceUrl: prepared.sourceUrl,
        createdAt: ctx.now,
        createdByKeyId: ctx.actor.kind === 'key' ? ctx.actor.keyId : null,
        withdraws: null,
        reason: null,
      };
      await evidenceRows.insertEvidence(ctx.trx, row);
      const { assessments } = await reassess(ctx.trx, declaration);
      await ctx.audit({
        action: 'evidence.attach',
        subjectType: 'evidence',
        subjectId: row.id,
        detail: { declarationId, kind: row.kind, sha256: row.sha256, source: row.source },
      });
      await ctx.emit({
        type: 'evidence-attached',
        subjectId: row.id,
        productId: declaration.productId,
        organisationId: declaration.organisationId,
        payload: {
          evidenceId: row.id,
          declarationId,
          version: declaration.version,
          kind: row.kind,
          sha256: row.sha256,
          source: row.source,
          sourceUrl: row.sourceUrl,
          outcomes: assessments.map((a) => ({ regime: a.regime, outcome: a.outcome, sellable: a.sellable })),
        },
      });
      return {
        evidence: evidenceView(row, { current: true, withDocument: true }),
        declaration: declarationView(declaration, assessments),
      };
    });
  }

  /**
   * Withdraws the current evidence `evidenceId` of a declaration: a new row records the withdrawal and its
   * reason (the withdrawn row stays in the history), and the declaration is re-assessed without that kind of
   * evidence. Only the owner may; evidence that is no longer current (superseded or withdrawn) is a 409.
   */
  async function withdrawEvidence(
    actor: Actor,
    declarationId: string,
    evidenceId: string,
    reason: string,
  ): Promise<{ evidence: EvidenceView; declaration: DeclarationView }> {
    const found = await loadDeclaration(actor, declarationId);
    if (!mayWriteFor(actor, found.organisationId))
      throw new Forbidden(`declaration ${declarationId} belongs to another organisation`);
    const why = reason.trim();
    if (why.length === 0 || why.length > 1000)
      throw new InputInvalid([{ path: '/reason', message: 'must be 1 to 1000 characters' }]);
    return writer.write(actor, async (ctx) => {
      const declaration = await declarations.findDeclaration(ctx.trx, declarationId);
      if (!declaration) throw new NotFound(`no declaration with id ${declarationId}`);
      const rows = await evidenceRows.evidenceOf(ctx.trx, declarationId);
      const target = rows.find((r) => r.id === evidenceId && r.withdraws === null);
      if (!target) throw new NotFound(`declaration ${declarationId} has no evidence ${evidenceId}`);
      const newest = rows.find((r) => r.kind === target.kind)!;
      if (newest.id !== target.id)
        throw new Conflict(
          newest.withdraws === target.id
            ? `evidence ${evidenceId} was withdrawn at ${newest.createdAt}`
            : `evidence ${evidenceId} is not current: ${newest.id} replaced it; withdraw that one instead`,
        );
      const row: EvidenceRow = {
        id: newId('evd'),
        declarationId,
        seq: await evidenceRows.nextEvidenceSeq(ctx.trx, declarationId),
        productId: declaration.productId,
        organisationId: declaration.organisationId,
        kind: target.kind,
        sha256: sha256Hex(''),
        document: '',
        summary: '{}',
        source: 'upload',
        sourceUrl: null,
        createdAt: ctx.now,
        createdByKeyId: ctx.actor.kind === 'key' ? ctx.actor.keyId : null,
        withdraws: target.id,
        reason: why,
      };
      await evidenceRows.insertEvidence(ctx.trx, row);
      const { assessments } = await reassess(ctx.trx, declaration);
      await ctx.audit({
        action: 'evidence.withdraw',
        subjectType: 'evidence',
        subjectId: target.id,
        detail: { declarationId, kind: target.kind, sha256: target.sha256, withdrawal: row.id, reason: why },
      });
      await ctx.emit({
        type: 'evidence-withdrawn',
        subjectId: row.id,
        productId: declaration.productId,
        organisationId: declaration.organisationId,
        payload: {
          evidenceId: row.id,
          withdrawn: target.id,
          declarationId,
          version: declaration.version,
          kind: target.kind,
          reason: why,
          outcomes: assessments.map((a) => ({ regime: a.regime, outcome: a.outcome, sellable: a.sellable })),
        },
      });
      return {
        evidence: evidenceView(row, { current: false, withDocument: false }),
        declaration: declarationView(declaration, assessments),
      };
    });
  }

  /** The declaration's evidence, newest first. The documents themselves only for the owner and regulators. */
  async function listEvidence(
    viewer: Viewer,
    declarationId: string,
  ): Promise<{ declarationId: string; evidence: EvidenceView[] }> {
    const declaration = await loadDeclaration(viewer, declarationId);
    const rows = await evidenceRows.evidenceOf(store.db, declarationId);
    const withDocument = seesPrivateOf(viewer, declaration.organisationId);
    const seen = new Set<string>();
    const withdrawals = new Map(rows.filter((r) => r.withdraws !== null).map((r) => [r.withdraws!, r]));
    const evidence = rows.map((row) => {
      const current = !seen.has(row.kind) && row.withdraws === null;
      seen.add(row.kind);
      return evidenceView(row, { current, withDocument, withdrawal: withdrawals.get(row.id) });
    });
    return { declarationId, evidence };
  }

  return { attachEvidence, withdrawEvidence, listEvidence };
}
