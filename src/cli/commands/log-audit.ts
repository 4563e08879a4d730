// The monitor's second half: the log verified, compare what the registry SERVES with what the log says.
// For every product in the log (or an even sample of them), the product answer, /v1/sellable under a
// labelling and a non-labelling regime, the served declaration document, its labels, and the inclusion
// proofs of its history against the signed checkpoint. An insider who edits the database (a shorter support
// date, a rewritten document, deleted newest versions, an un-revoked label, an edited tree node) makes the
// served answers disagree with the log, and each disagreement is a named violation.
import { sha256Hex } from '../../encoding/sha256.js';
import { isIotlabelError, type ErrorCode } from '../../errors.js';
import { canonicalJson } from '../../registry/log/canonical-json.js';
import type { LabelPromise, ProductFacts, PromiseState } from '../../registry/log/promises.js';
import { labellingRegimeIds, regimesInDisplayOrder } from '../../regimes/roles.js';
import { hashLeaf } from '../../tlog/hash.js';
import { LABEL_STATUSES, type LabelStatus } from '../../labels/label-status.js';
import { readStatus, STATUS_REVOKED, STATUS_SUSPENDED, STATUS_VALID } from '../../labels/status-bits.js';
import { decodeStatusList } from '../../labels/status-list.js';
import type { NoteVerifier } from '../../tlog/note-key.js';
import { verifyTlogProof } from '../../tlog/tlog-proof.js';
import type { Violation } from '../../tlog/verify-log.js';

const PRODUCT_CONCURRENCY = 4;
const STATUS_CODE: Record<LabelStatus, number> = {
  valid: STATUS_VALID,
  revoked: STATUS_REVOKED,
  suspended: STATUS_SUSPENDED,
};
const HISTORY_PAGE_GUARD = 1000;

export interface AuditOptions {
  /** Fetches `/v1/...` and `/log/...` paths of the registry as JSON; throws naming the URL on failure. */
  getJson(path: string): Promise<unknown>;
  /** Fetches a path as text (a status list token); absent: status lists are not compared. */
  getText?(path: string): Promise<string>;
  state: PromiseState;
  verifiers: readonly NoteVerifier[];
  /** Audit this many products, spread evenly over the log; all when undefined. */
  sample?: number | undefined;
}

export interface AuditResult {
  products: number;
  violations: Violation[];
}

interface ServedDeclaration {
  id: string;
  version: number | null;
  sha256: string;
  supportEndDate: string | null;
}

/** Compares the served answers of the products in `state` with the log's facts. Never throws for an answer. */
export async function auditServedAnswers(options: AuditOptions): Promise<AuditResult> {
  const ids = Object.keys(options.state.products)
    .filter((id) => options.state.products[id]!.current !== undefined)
    .sort();
  const chosen = pick(ids, options.sample);
  const labelsByProduct = new Map<string, [string, LabelPromise][]>();
  for (const [id, label] of Object.entries(options.state.labels)) {
    if (label.product === null) continue;
    labelsByProduct.set(label.product, [...(labelsByProduct.get(label.product) ?? []), [id, label]]);
  }
  const regimes = auditRegimes();
  const violations: Violation[] = [];
  let next = 0;
  const worker = async () => {
    while (next < chosen.length) {
      const id = chosen[next++]!;
      const { current, last } = options.state.products[id]!;
      const audit = new ProductAudit(id, current!, last, options, violations);
      await audit.run(labelsByProduct.get(id) ?? [], regimes);
    }
  };
  await Promise.all(Array.from({ length: PRODUCT_CONCURRENCY }, worker));
  violations.sort((a, b) => (a.indices[0] ?? 0) - (b.indices[0] ?? 0) || a.code.localeCompare(b.code));
  return { products: chosen.length, violations };
}

/** `n` ids spread evenly over the sorted list (deterministic, so two runs audit the same products). */
function pick(ids: readonly string[], n: number | undefined): string[] {
  if (n === undefined || n >= ids.length) return [...ids];
  return Array.from({ length: n }, (_, k) => ids[Math.floor((k * ids.length) / n)]!);
}

/** A labelling regime and one that issues no label: the sellable answer differs between the two. */
function auditRegimes(): string[] {
  const labelling = labellingRegimeIds();
  const other = regimesInDisplayOrder().find((r) => !labelling.includes(r));
  return [labelling[0], other].filter((r): r is string => r !== undefined);
}

class ProductAudit {
  constructor(
    private readonly id: string,
    private readonly facts: ProductFacts,
    private readonly last: number,
    private readonly options: AuditOptions,
    private readonly violations: Violation[],
  ) {}

  async run(labels: readonly [string, LabelPromise][], regimes: readonly string[]): Promise<void> {
    const product = await this.get<{ latestDeclaration: ServedDeclaration | null; withdrawn: unknown }>(
      `/v1/products/${this.id}`,
    );
    if (product !== undefined) {
      this.compareDeclaration('the product answer', product.latestDeclaration);
      if ((product.withdrawn !== null) !== this.facts.withdrawn)
        this.report(
          'LOG_SERVED_DECLARATION_MISMATCH',
          `product ${this.id} is served as ${product.withdrawn === null ? 'not withdrawn' : 'withdrawn'}, but the log says ${this.facts.withdrawn ? 'withdrawn' : 'not withdrawn'}`,
        );
    }
    await this.compareDocument();
    const gtin = this.facts.gtins[0];
    if (gtin !== undefined && !this.facts.withdrawn)
      for (const regime of regimes) await this.compareSellable(gtin, regime, labels);
    for (const [labelId, label] of labels) await this.compareLabel(labelId, label);
    await this.checkProofs();
  }

  private compareDeclaration(where: string, served: ServedDeclaration | null): void {
    const logged = this.facts.declaration;
    if (logged === null) {
      if (served !== null)
        this.report(
          'LOG_SERVED_DECLARATION_MISMATCH',
          `${where} of product ${this.id} names declaration ${served.id}, which the log never recorded`,
        );
      return;
    }
    if (served === null) {
      this.report(
        'LOG_SERVED_DECLARATION_MISMATCH',
        `${where} of product ${this.id} names no declaration, but the log has version ${logged.version} (${logged.id})`,
        [logged.index],
      );
      return;
    }
    if (served.id !== logged.id || served.version !== logged.version || served.sha256 !== logged.sha256)
      this.report(
        'LOG_SERVED_DECLARATION_MISMATCH',
        `${where} of product ${this.id} serves declaration ${served.id} version ${served.version} (SHA-256 ${served.sha256}), but the log's newest is ${logged.id} version ${logged.version} (SHA-256 ${logged.sha256})`,
        [logged.index],
      );
    if (served.supportEndDate !== this.facts.supportEnd)
      this.report(
        'LOG_SERVED_SUPPORT_MISMATCH',
        `${where} of product ${this.id} gives support until ${served.supportEndDate ?? 'no date'}, but the log promises ${this.facts.supportEnd ?? 'no date'}`,
        [logged.index],
      );
  }

  /** The declaration document served by the API must hash to the SHA-256 the log committed to. */
  private async compareDocument(): Promise<void> {
    const logged = this.facts.declaration;
    if (logged === null || logged.sha256 === null) return;
    const served = await this.get<{ document: unknown }>(`/v1/declarations/${logged.id}`, [logged.index]);
    if (served === undefined) return;
    const actual = sha256Hex(Buffer.from(canonicalJson(served.document), 'utf8'));
    if (actual !== logged.sha256)
      this.report(
        'LOG_SERVED_DOCUMENT_MISMATCH',
        `declaration ${logged.id} of product ${this.id} is served with a document hashing to ${actual}, not the ${logged.sha256} the log committed to`,
        [logged.index],
      );
  }

  private async compareSellable(gtin: string, regime: string, labels: readonly [string, LabelPromise][]) {
    const answer = await this.get<{
      supportEndDate: string | null;
      declaration: { id: string; version: number; sha256: string } | null;
      labelId: string | null;
      labelStatus: string | null;
    }>(`/v1/sellable?gtin=${gtin}&regime=${encodeURIComponent(regime)}`);
    if (answer === undefined) return;
    const where = `/v1/sellable under ${regime}`;
    this.compareDeclaration(
      where,
      answer.declaration === null ? null : { ...answer.declaration, supportEndDate: answer.supportEndDate },
    );
    if (answer.labelId === null) return;
    const label = labels.find(([id]) => id === answer.labelId)?.[1];
    if (label === undefined)
      this.report(
        'LOG_SERVED_LABEL_MISMATCH',
        `${where} for product ${this.id} names label ${answer.labelId}, which the log never issued for it`,
      );
    else if (answer.labelStatus !== (label.status ?? 'valid'))
      this.report(
        'LOG_SERVED_LABEL_MISMATCH',
        `${where} for product ${this.id} gives label ${answer.labelId} status ${answer.labelStatus}, but the log says ${label.status ?? 'valid'}`,
        [label.statusAt ?? label.index],
      );
  }

  private async compareLabel(labelId: string, label: LabelPromise): Promise<void> {
    const served = await this.get<{ status: { status: string }; statusList?: { number: number; index: number } }>(
      `/v1/labels/${labelId}`,
      [label.index],
    );
    if (served === undefined) return;
    const logged = label.status ?? 'valid';
    if (served.status?.status !== logged)
      this.report(
        'LOG_SERVED_LABEL_MISMATCH',
        `label ${labelId} of product ${this.id} is served as ${served.status?.status}, but the log says ${logged}`,
        [label.statusAt ?? label.index],
      );
    if (served.statusList !== undefined) await this.compareStatusList(labelId, label, served.statusList);
  }

  /** Offline verifiers read the signed status list, so it must say what the log says too. */
  private async compareStatusList(
    labelId: string,
    label: LabelPromise,
    where: { number: number; index: number },
  ): Promise<void> {
    const getText = this.options.getText;
    if (getText === undefined) return;
    const path = `/v1/status-lists/${where.number}`;
    const logged = label.status ?? 'valid';
    try {
      const payload = JSON.parse(Buffer.from((await getText(path)).trim().split('.')[1] ?? '', 'base64url').toString());
      const bits = readStatus(decodeStatusList(payload.status_list), where.index);
      const served = LABEL_STATUSES.find((s) => STATUS_CODE[s] === bits) ?? `unknown (${bits})`;
      if (served !== logged)
        this.report(
          'LOG_SERVED_LABEL_MISMATCH',
          `status list ${where.number} gives label ${labelId} of product ${this.id} status ${served}, but the log says ${logged}`,
          [label.statusAt ?? label.index],
          path,
        );
    } catch (error) {
      this.report('LOG_SERVED_UNAVAILABLE', `${path} cannot be read: ${(error as Error).message}`, [label.index], path);
    }
  }

  /** Every entry of the product's served history carries a proof that must verify against a signed checkpoint. */
  private async checkProofs(): Promise<void> {
    let after: number | null = null;
    for (let page = 0; page < HISTORY_PAGE_GUARD; page++) {
      const query: string = after === null ? '' : `?after=${after}`;
      const history = await this.get<{
        entries: { index: number; entry: string; proof: string }[];
        next: number | null;
      }>(`/v1/products/${this.id}/history${query}`);
      if (history === undefined) return;
      for (const entry of history.entries) {
        try {
          const proved = verifyTlogProof(
            entry.proof,
            hashLeaf(Buffer.from(entry.entry, 'utf8')),
            this.options.verifiers,
          );
          if (proved.index !== entry.index) throw new Error(`the proof is for entry ${proved.index}`);
        } catch (error) {
          this.report(
            'LOG_SERVED_PROOF_INVALID',
            `the inclusion proof served for entry ${entry.index} of product ${this.id} does not verify: ${(error as Error).message}`,
            [entry.index],
          );
        }
      }
      if (history.next === null) return;
      after = history.next;
    }
  }

  private async get<T>(path: string, indices: number[] = [this.last]): Promise<T | undefined> {
    try {
      return (await this.options.getJson(path)) as T;
    } catch (error) {
      const why = isIotlabelError(error) || error instanceof Error ? error.message : String(error);
      if (isIotlabelError(error) && error.code === 'LOG_STATE_MISMATCH')
        this.report('LOG_STATE_MISMATCH', `${path}: the registry refuses to serve it as fact: ${why}`, indices, path);
      else this.report('LOG_SERVED_UNAVAILABLE', `${path}, which the log backs, is not served: ${why}`, indices, path);
      return undefined;
    }
  }

  private report(code: ErrorCode, message: string, indices: number[] = [this.last], path?: string): void {
    this.violations.push(path === undefined ? { code, message, indices } : { code, message, indices, path });
  }
}
