// The label check on the page the QR code opens (/01/<GTIN>#<token>) and on /l. Runs in the browser as an
// ES module (compiled to dist/web/browser/): the token comes from the link's "label" attribute (or, on older
// labels, its fragment) and is checked here, not by the server. It
// fetches the registry's keys and the label's status list from this site, verifies with WebCrypto, and
// writes the verdict into the page's verdict area. No Node imports.
import { decodeBase64Url } from '../../encoding/base64.js';
import { todayUtc } from '../../calendar.js';
import { verifyLabelInBrowser, verifyLabelLink } from '../../labels/browser/verify-label.js';
import { LABEL_TOKEN_ATTRIBUTE, parseLabelLink } from '../../labels/label-link.js';
import type { LabelReport } from '../../labels/checks.js';
import type { ErrorCode } from '../../errors.js';
import { hostOf, verdictOf, type Verdict } from '../verdict.js';

const STATUS_PATH = /^\/v1\/status-lists\/[1-9][0-9]{0,8}$/;

function payloadOf(token: string): { status?: { status_list?: { uri?: unknown } } } | null {
  try {
    const bytes = decodeBase64Url(token.split('.')[1] ?? '');
    return bytes === null ? null : (JSON.parse(new TextDecoder().decode(bytes)) as never);
  } catch {
    return null;
  }
}

/** The label's status list, fetched from this site only (the registry may know itself by another public URL). */
async function statusListFor(token: string, publicUrl: string): Promise<string | undefined> {
  const uri = payloadOf(token)?.status?.status_list?.uri;
  if (typeof uri !== 'string') return undefined;
  let path: string;
  if (uri.startsWith(`${publicUrl}/v1/status-lists/`)) path = uri.slice(publicUrl.length);
  else {
    try {
      const url = new URL(uri);
      if (url.origin !== location.origin) return undefined;
      path = url.pathname;
    } catch {
      return undefined;
    }
  }
  if (!STATUS_PATH.test(path)) return undefined;
  // Revalidate (a cheap 304 when unchanged) so a label revoked a minute ago shows as revoked now.
  const res = await fetch(path, { cache: 'no-cache', headers: { accept: 'application/statuslist+jwt' } });
  return res.ok ? res.text() : undefined;
}

function show(area: HTMLElement, verdict: Verdict): void {
  area.className = `govuk-!-margin-bottom-6 ${verdict.kind === 'genuine' ? 'app-verdict--genuine' : 'app-verdict--bad'}`;
  area.dataset.verdict = verdict.kind;
  area.replaceChildren();
  const h = document.createElement('h2');
  h.className = 'govuk-heading-l';
  h.textContent = verdict.title;
  area.append(h);
  for (const line of verdict.lines) {
    const p = document.createElement('p');
    p.className = 'govuk-body app-break-anywhere';
    p.textContent = line;
    area.append(p);
  }
  area.focus();
}

async function check(area: HTMLElement, input: string): Promise<void> {
  const publicUrl = area.dataset.publicUrl ?? location.origin;
  const at = area.dataset.today ?? todayUtc();
  const isLink = /^https?:\/\//i.test(input);
  let report: LabelReport;
  try {
    const token = isLink ? parseLabelLink(input).token : input;
    const keys = (await (await fetch('/.well-known/iotlabel/keys')).json()) as unknown;
    const statusList = await statusListFor(token, publicUrl);
    const options = { keys, at, ...(statusList ? { statusList } : {}) };
    report = isLink ? await verifyLabelLink(input, options) : await verifyLabelInBrowser(token, options);
  } catch (error) {
    report = {
      genuine: false,
      at,
      label: null,
      checks: [
        {
          step: 'parse',
          outcome: 'fail',
          ...codeOf(error),
          message: error instanceof Error ? error.message : 'the label could not be read',
        },
      ],
    };
  }
  show(area, verdictOf(report, hostOf(publicUrl)));
}

/** The label toolkit's error code (LABEL_LINK_INVALID for a link that is not a label link), if it has one. */
function codeOf(error: unknown): { code?: ErrorCode } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? { code: code as ErrorCode } : {};
}

const area = document.querySelector<HTMLElement>('[data-qa=verdict]');
if (area) {
  area.tabIndex = -1;
  const form = document.querySelector<HTMLFormElement>('[data-qa=token-form]');
  if (form) {
    // On /l: check a pasted link or token here, without sending it to the server.
    form.addEventListener('submit', (event) => {
      const value = (form.elements.namedItem('token') as HTMLTextAreaElement | null)?.value.trim() ?? '';
      if (value === '') return;
      event.preventDefault();
      void check(area, value);
    });
  } else if (location.hash.length > 1 || new URLSearchParams(location.search).has(LABEL_TOKEN_ATTRIBUTE)) {
    void check(area, location.href);
  }
}
