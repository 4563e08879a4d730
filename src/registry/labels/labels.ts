// Labels: a manufacturer asks for a label for its product under a labelling regime; the registry issues
// one when the product's current (published) declaration allows it today, and says why not otherwise.
// A label belongs to one declaration version: a later version's label supersedes it (the old one stays,
// with its status, as history). Issuing is one write: the `label-issued` event, then the signed token,
// then the row, in one transaction.
import { todayUtc } from '../../calendar.js';
import { IotlabelError } from '../../errors.js';
import { normalizeGtin, gtinProblem } from '../../gs1/gtin.js';
import { labellingRegimeIds } from '../../regimes/index.js';
import {
  labelToClaims,
  newLabelId,
  signLabel,
  type Label,
  type LabelRegime,
  type LabelSigningKey,
} from '../../labels/index.js';
import { declarations, labels as repo, organisations, products } from '../../store/index.js';
import type { DeclarationRow, Executor, LabelRow, ProductRow } from '../../store/index.js';
import { mayWriteFor, type Actor } from '../actor.js';
import type { Assessment } from '../engine.js';
import { Forbidden, InputInvalid, NotFound, StateDisagreesWithLog } from '../errors.js';
import { labelView, statusListUri, type LabelView } from './view.js';
import { labelLogState } from '../log/consistency.js';
import type { LabelKeys } from './signing-keys.js';
import type { WriteContext } from '../write.js';
import type { RegistryDeps } from '../deps.js';

/** Entries per status list (2 bits each: 4 KiB before compression). */
export const STATUS_LIST_SIZE = 16_384;

export interface IssueLabelInput {
  regime: string;
  /** One of the product's GTINs; the first (lowest) when absent. */
  gtin?: string;
}

export interface IssuedLabel {
  label: LabelView;
  /** False when the product already had a valid label for its current declaration version under the regime. */
  created: boolean;
}

/** 409 with every reason the label cannot be issued, each as a problem entry. */
export class LabelNotIssuable extends IotlabelError {
  constructor(regime: string, reasons: string[]) {
    super('LABEL_NOT_ISSUABLE', `no label under ${regime}: ${reasons.join('; ')}`, {
      problems: reasons.map((message) => ({ path: '/regime', message })),
    });
  }
}

export function createLabelUseCases(deps: RegistryDeps, extras: { keys: LabelKeys }) {
  const { store, writer, engine, publicUrl, clock } = deps;
  const { keys } = extras;
  const today = () => todayUtc(clock);

  async function view(db: Executor, row: LabelRow): Promise<LabelView> {
    const [product, owner, changes] = await Promise.all([
      products.findProduct(db, row.productId),
      organisations.findOrganisation(db, row.organisationId),
      repo.statusChangesOf(db, row.id),
    ]);
    return labelView(
      publicUrl,
      row,
      {
        brand: product?.brand ?? '',
        model: product?.model ?? '',
        manufacturer: { id: row.organisationId, name: owner?.name ?? '' },
      },
      changes,
    );
  }

  function checkRegime(regime: string): LabelRegime {
    const labelling = labellingRegimeIds();
    if (!labelling.includes(regime)) {
      throw new InputInvalid([
        { path: '/regime', message: `${regime} gives no label; labelling regimes are ${labelling.join(', ')}` },
      ]);
    }
    return regime as LabelRegime;
  }

  function assessToday(latest: DeclarationRow, regime: string): Assessment {
    return engine.assessDeclaration(engine.parseDeclaration(JSON.parse(latest.document)), regime, today());
  }

  function reasonsAgainst(assessment: Assessment): string[] {
    const open = assessment.requirements.filter((r) => r.status === 'not-met' || r.status === 'not-declared');
    const reasons = open.flatMap((r) =>
      r.reasons.length > 0 ? r.reasons.map((why) => `${r.title}: ${why}`) : [`${r.title}: ${r.status}`],
    );
    return reasons.length > 0
      ? reasons
      : [`the declaration does not qualify for a label under ${assessment.regime} on ${assessment.at}`];
  }

  async function chooseGtin(
    db: Executor,
    product: ProductRow,
    regime: string,
    wanted: string | undefined,
  ): Promise<string> {
    const gtins = (await products.gtinsOf(db, [product.id])).get(product.id) ?? [];
    if (wanted === undefined) {
      if (gtins.length === 0)
        throw new LabelNotIssuable(regime, [
          `product ${product.id} has no GTIN: a label's QR code carries one, so register a GTIN first`,
        ]);
      return gtins[0]!;
    }
    const problem = gtinProblem(wanted);
    if (problem !== null) throw new InputInvalid([{ path: '/gtin', message: problem }], 'GTIN_INVALID');
    const gtin = normalizeGtin(wanted);
    if (!gtins.includes(gtin))
      throw new InputInvalid([{ path: '/gtin', message: `GTIN ${gtin} is not one of product ${product.id}'s GTINs` }]);
    return gtin;
  }

  async function nextSlot(db: Executor): Promise<{ list: number; index: number }> {
    const last = await repo.lastStatusSlot(db);
    if (!last) return { list: 1, index: 0 };
    return last.index + 1 < STATUS_LIST_SIZE
      ? { list: last.list, index: last.index + 1 }
      : { list: last.list + 1, index: 0 };
  }

  async function freshLabelId(db: Executor): Promise<string> {
    for (;;) {
      const id = newLabelId();
      if (!(await repo.findLabel(db, id))) return id;
    }
  }

  /**
   * Signs the label inside the write, after its `label-issued` event: the token carries the index of that
   * event's transparency-log entry (`log` claim), and the entry names the token by its SHA-256.
   */
  async function signIssued(
    ctx: WriteContext,
    label: Label,
    logIndex: number | null,
    key: LabelSigningKey,
  ): Promise<{ token: string; label: Label }> {
    const withLog: Label = logIndex === null ? label : { ...label, logIndex };
    const token = signLabel(withLog, key);
    if (logIndex !== null) ctx.logDocument(logIndex, { mediaType: 'application/jwt', body: token });
    return { token, label: withLog };
  }

  async function issueIn(
    ctx: WriteContext,
    productId: string,
    regime: LabelRegime,
    input: IssueLabelInput,
  ): Promise<IssuedLabel> {
    const product = await products.findProduct(ctx.trx, productId);
    if (!product) throw new NotFound(`no product with id ${productId}`);
    if (!mayWriteFor(ctx.actor, product.organisationId))
      throw new Forbidden(`product ${productId} belongs to another organisation`);
    if (product.withdrawnAt !== null)
      throw new LabelNotIssuable(regime, [`product ${productId} was withdrawn on ${product.withdrawnAt.slice(0, 10)}`]);
    const latest = await declarations.latestSubmitted(ctx.trx, productId);
    if (!latest || latest.version === null)
      throw new LabelNotIssuable(regime, [`product ${productId} has no published declaration (drafts do not count)`]);
    const gtin = await chooseGtin(ctx.trx, product, regime, input.gtin);
    const current = await repo.currentLabel(ctx.trx, productId, regime);
    if (current && Number(current.declarationVersion) === latest.version) {
      if (current.status === 'valid') return { label: await view(ctx.trx, current), created: false };
      throw new LabelNotIssuable(regime, [
        `label ${current.id} for declaration version ${latest.version} is ${current.status} (${current.statusReason ?? 'no reason given'}); a new label needs a new declaration version`,
      ]);
    }
    const assessment = assessToday(latest, regime);
    if (assessment.label === null) throw new LabelNotIssuable(regime, reasonsAgainst(assessment));

    const key = await keys.signingKey(ctx.trx);
    const slot = await nextSlot(ctx.trx);
    const facts: Label = {
      issuer: publicUrl,
      labelId: await freshLabelId(ctx.trx),
      gtin,
      regime,
      shield: assessment.label.shield,
      supportEndDate: assessment.label.supportEndDate,
      issuedAt: Math.floor(Date.parse(ctx.now) / 1000),
      statusList: { uri: statusListUri(publicUrl, slot.list), index: slot.index },
    };
    const { seq, logIndex } = await ctx.emit({
      type: 'label-issued',
      subjectId: facts.labelId,
      productId,
      organisationId: product.organisationId,
      payload: {
        labelId: facts.labelId,
        regime,
        gtin,
        shield: facts.shield,
        supportEndDate: facts.supportEndDate,
        declarationId: latest.id,
        declarationVersion: latest.version,
        statusList: slot.list,
        statusIndex: slot.index,
        kid: key.kid,
        supersedes: current?.id ?? null,
      },
    });
    const signed = await signIssued(ctx, facts, logIndex, key);
    const row: LabelRow = {
      id: facts.labelId,
      productId,
      organisationId: product.organisationId,
      declarationId: latest.id,
      declarationVersion: latest.version,
      regime,
      gtin,
      shield: facts.shield,
      supportEndDate: facts.supportEndDate,
      issuedAt: ctx.now,
      statusList: slot.list,
      statusIndex: slot.index,
      kid: key.kid,
      token: signed.token,
      claims: JSON.stringify(labelToClaims(signed.label)),
      eventSeq: seq,
      status: 'valid',
      statusAt: ctx.now,
      statusReason: null,
      supersededBy: null,
    };
    await repo.insertLabel(ctx.trx, row);
    if (current) await repo.markSuperseded(ctx.trx, current.id, row.id);
    await ctx.audit({
      action: 'label.issue',
      subjectType: 'label',
      subjectId: row.id,
      detail: { productId, regime, declarationVersion: latest.version, supersedes: current?.id ?? null },
    });
    return { label: await view(ctx.trx, row), created: true };
  }

  /** Issues (or returns the existing) label for the product's current declaration under `regime`. */
  async function issueLabel(actor: Actor, productId: string, input: IssueLabelInput): Promise<IssuedLabel> {
    const regime = checkRegime(input.regime);
    await keys.ready();
    return writer.write(actor, (ctx) => issueIn(ctx, productId, regime, input));
  }

  /** One label by id (public): for GET /v1/labels/{id} and the sellable route's `label=` look-up. */
  async function byId(id: string): Promise<LabelView> {
    const row = await repo.findLabel(store.db, id);
    if (!row) throw new NotFound(`no label with id ${id}`);
    const [label, { problems, log }] = await Promise.all([view(store.db, row), labelLogState(store.db, row)]);
    if (problems.length > 0) throw new StateDisagreesWithLog(row.productId, problems);
    return log === null ? label : { ...label, log };
  }

  /** The product's labels, newest first; the first per regime is the current one. */
  async function ofProduct(productId: string, regime?: string): Promise<LabelView[]> {
    if (!(await products.findProduct(store.db, productId))) throw new NotFound(`no product with id ${productId}`);
    const rows = await repo.labelsOfProduct(store.db, productId, regime);
    return Promise.all(rows.map((row) => view(store.db, row)));
  }

  return { issueLabel, byId, ofProduct, row: (id: string) => repo.findLabel(store.db, id) };
}

export type LabelUseCases = ReturnType<typeof createLabelUseCases>;
