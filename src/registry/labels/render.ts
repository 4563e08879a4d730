// What the registry draws and checks for others: the label face (SVG, PNG) as it stands today (revoked,
// suspended, support period ended), the PSTI statement of compliance per declaration version, and
// server-side verification for clients that cannot verify a token themselves.
import { isCalendarDate, todayUtc } from '../../calendar.js';
import {
  buildStatement,
  checkLabel,
  renderLabelPng,
  renderLabelSvg,
  renderStatementHtml,
  renderStatementPdf,
  StatementIncomplete,
} from '../../labels/index.js';
import type { LabelReport, LabelSize, StatementInput, StatementOfCompliance } from '../../labels/index.js';
import { normalizeGtin } from '../../gs1/gtin.js';
import { getRegime } from '../../regimes/index.js';
import type { Viewer } from '../actor.js';
import type { createDeclarationUseCases } from '../products/declarations.js';
import { InputInvalid } from '../errors.js';
import type { LabelUseCases } from './labels.js';
import type { LabelStatusUseCases } from './status.js';
import { statusListUri, type LabelView } from './view.js';
import type { LabelKeys } from './signing-keys.js';
import type { RegistryDeps } from '../deps.js';

const PNG_CACHE_LIMIT = 256;
const MAX_TOKEN = 8192;

export interface RenderedLabel<T> {
  body: T;
  /** Changes with the label's status, the day's support-period wording and the size. */
  etag: string;
}

type DeclarationUseCases = ReturnType<typeof createDeclarationUseCases>;

export function createLabelRendering(
  deps: RegistryDeps,
  extras: { labels: LabelUseCases; status: LabelStatusUseCases; keys: LabelKeys; declarations: DeclarationUseCases },
) {
  const { publicUrl, clock } = deps;
  const { labels, status, keys, declarations } = extras;
  const pngs = new Map<string, Buffer>();
  const today = () => todayUtc(clock);
  const issuer = new URL(publicUrl).host;

  function face(label: LabelView, size: LabelSize): { svg: string; key: string } {
    const at = today();
    const ended = at > label.supportEndDate;
    const svg = renderLabelSvg(
      {
        labelId: label.id,
        brand: label.brand,
        model: label.model,
        shield: label.shield,
        supportEndDate: label.supportEndDate,
        url: label.links.qr,
        scheme: getRegime(label.regime).label?.scheme ?? label.regime,
        issuer,
      },
      { at, status: label.status.status, size },
    );
    return { svg, key: `${label.id}-${label.status.status}-${ended ? 'ended' : 'current'}-${size}` };
  }

  async function labelSvg(id: string, size: LabelSize = 'web'): Promise<RenderedLabel<string>> {
    const { svg, key } = face(await labels.byId(id), size);
    return { body: svg, etag: `"${key}"` };
  }

  /** PNG `width` pixels wide; cached (rendering costs ~100 ms) by label, status, support wording and width. */
  async function labelPng(id: string, width = 800): Promise<RenderedLabel<Buffer>> {
    const { svg, key } = face(await labels.byId(id), 'web');
    const cacheKey = `${key}-${width}`;
    let png = pngs.get(cacheKey);
    if (png === undefined) {
      png = renderLabelPng(svg, { width });
      if (pngs.size >= PNG_CACHE_LIMIT) pngs.delete(pngs.keys().next().value as string);
      pngs.set(cacheKey, png);
    }
    return { body: png, etag: `"${cacheKey}"` };
  }

  /** The Schedule 4 statement for one declaration version; STATEMENT_INCOMPLETE names the missing items. */
  async function statement(viewer: Viewer, declarationId: string): Promise<StatementOfCompliance> {
    const declaration = await declarations.getDeclaration(viewer, declarationId);
    const result = buildStatement(declaration.document as StatementInput);
    if (!result.ok) {
      const missing = result.missing.map((m) => ({ ...m, path: `/${m.path.replace(/\./g, '/')}` }));
      throw new StatementIncomplete(
        `the declaration lacks Schedule 4 items: ${missing.map((m) => `(${m.item}) ${m.path}`).join(', ')}`,
        missing,
      );
    }
    return result.statement;
  }

  const statementHtml = async (viewer: Viewer, id: string) => renderStatementHtml(await statement(viewer, id));
  const statementPdf = async (viewer: Viewer, id: string) => renderStatementPdf(await statement(viewer, id));

  /**
   * checkLabel with the registry's current keys and, when the token names one of this registry's status
   * lists, that list: the same report a verifier with fresh downloads would get.
   */
  async function verifyToken(
    token: string,
    options: { gtin?: string | undefined; at?: string | undefined } = {},
  ): Promise<LabelReport> {
    const at = options.at ?? today();
    const problems = [];
    if (!isCalendarDate(at)) problems.push({ path: '/at', message: `"${at}" is not a date YYYY-MM-DD` });
    if (token.length > MAX_TOKEN) problems.push({ path: '/token', message: `longer than ${MAX_TOKEN} characters` });
    if (problems.length > 0) throw new InputInvalid(problems);
    const { jwks } = await keys.publishedKeys();
    const list = ownStatusList(token);
    const signed = list === undefined ? undefined : await status.statusList(list).catch(() => undefined);
    // The registry trusts itself only: its own keys, and labels that name it as issuer.
    return checkLabel(token, {
      keys: jwks,
      issuer: publicUrl,
      at,
      ...(signed
        ? { statusList: { token: signed.token } }
        : { statusUnavailable: "the label does not name one of this registry's status lists" }),
      ...(options.gtin ? { gtin: normalizeGtin(options.gtin) } : {}),
    });
  }

  /** The number of the status list the token refers to, when it is one of ours (read before verifying, only to pick the list). */
  function ownStatusList(token: string): number | undefined {
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        status?: { status_list?: { uri?: unknown } };
      };
      const uri = payload.status?.status_list?.uri;
      const prefix = statusListUri(publicUrl, 0).slice(0, -1);
      if (typeof uri !== 'string' || !uri.startsWith(prefix) || !/^[1-9][0-9]{0,8}$/.test(uri.slice(prefix.length)))
        return undefined;
      return Number(uri.slice(prefix.length));
    } catch {
      return undefined;
    }
  }

  return { labelSvg, labelPng, statement, statementHtml, statementPdf, verifyToken };
}
