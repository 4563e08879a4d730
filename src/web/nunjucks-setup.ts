// The one place page rendering is configured: our views first, then GOV.UK Frontend's templates;
// autoescape on, so every value is escaped unless a template marks it safe on purpose.
import nunjucks from 'nunjucks';
import { dateInWords } from '../calendar.js';
import { dateTimeInWords, periodInWords } from './format.js';
import { webPaths } from './paths.js';
import { getRegime } from '../regimes/index.js';

export type ViewEnvironment = nunjucks.Environment;

export function createViewEnvironment(options: { watch?: boolean } = {}): ViewEnvironment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([webPaths.views, webPaths.govukDist], {
      watch: options.watch ?? false,
      noCache: false,
    }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  env.addFilter('dateInWords', dateInWords);
  env.addFilter('dateTimeInWords', dateTimeInWords);
  env.addFilter('periodInWords', periodInWords);
  env.addFilter('categoryName', (id: string) =>
    typeof id === 'string'
      ? id.charAt(0).toUpperCase() +
        id
          .slice(1)
          .replace(/-/g, ' ')
          .replace(/\btv\b/, 'TV')
          .replace(/\bev\b/, 'EV')
      : id,
  );
  // A regime id as a person reads it ("Option A", "UK PSTI"); an id the rulebooks do not know stays as it is.
  env.addFilter('regimeName', (id: string) => {
    try {
      return getRegime(id).roles.shortName;
    } catch {
      return id;
    }
  });
  env.addGlobal('serviceName', 'iotlabel');
  // A partial that reads only `value` (or nothing), rendered once per value: `value` must not change once
  // shown (the kept market rows are shared by products and never changed; a write makes new ones).
  const kept = new Map<string, WeakMap<object, nunjucks.runtime.SafeString>>();
  const NOTHING = {};
  env.addGlobal('keptPartial', (name: string, value?: object) => {
    let byValue = kept.get(name);
    if (byValue === undefined) kept.set(name, (byValue = new WeakMap()));
    const key = value ?? NOTHING;
    let html = byValue.get(key);
    if (html === undefined) byValue.set(key, (html = new nunjucks.runtime.SafeString(env.render(name, { value }))));
    return html;
  });
  // A partial that reads only `value`, rendered once per distinct value (by its JSON) and kept: for the parts
  // many products show alike (their regimes' verdicts), at the cost of writing the value as JSON. Bounded:
  // emptied when full.
  const shared = new Map<string, string>();
  const renderShared = (name: string, value: unknown, context: Record<string, unknown>): string => {
    const key = `${name}|${JSON.stringify(value) ?? 'undefined'}`;
    let html = shared.get(key);
    if (html === undefined) {
      html = env.render(name, context);
      if (shared.size >= SHARED_LIMIT) shared.clear();
      shared.set(key, html);
    }
    return html;
  };
  env.addGlobal(
    'sharedPartial',
    (name: string, value: unknown) => new nunjucks.runtime.SafeString(renderShared(name, { value }, { value })),
  );
  // The same for a partial that also shows `text` (a reader's query), which differs on nearly every render:
  // rendered once per `value` with a mark for `text`, which is then replaced by `text` escaped as autoescape
  // does. Only for a partial that prints `text` as it is (no filter, no test on it beyond being non-empty);
  // empty text is rendered directly, and so is a render the mark does not reach.
  env.addGlobal('markedPartial', (name: string, value: unknown, text: unknown) => {
    const direct = () => new nunjucks.runtime.SafeString(env.render(name, { value, text }));
    if (typeof text !== 'string' || text === '') return direct();
    const html = renderShared(name, { value, marked: true }, { value, text: TEXT_MARK });
    const parts = html.split(TEXT_MARK);
    return parts.length < 2 ? direct() : new nunjucks.runtime.SafeString(parts.join(escapeHtml(text)));
  });
  return env;
}

/** Renders sharedPartial and markedPartial keep at most (a product page's verdicts are a few KB). */
const SHARED_LIMIT = 500;

/** Stands in for markedPartial's text; neither escaping nor a template changes it. */
const TEXT_MARK = '\u0001iotlabel-text\u0001';

/** Text escaped as autoescape escapes it (for text put into rendered HTML afterwards). */
export const escapeHtml = (text: string): string =>
  (nunjucks.lib as unknown as { escape(text: string): string }).escape(text);
