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
  const shared = new Map<string, Map<string, nunjucks.runtime.SafeString>>();
  let sharedSize = 0;
  env.addGlobal('sharedPartial', (name: string, value: unknown) => {
    let byValue = shared.get(name);
    if (byValue === undefined) shared.set(name, (byValue = new Map()));
    const key = JSON.stringify(value) ?? 'undefined';
    let html = byValue.get(key);
    if (html === undefined) {
      html = new nunjucks.runtime.SafeString(env.render(name, { value }));
      if (++sharedSize > SHARED_LIMIT) {
        for (const values of shared.values()) values.clear();
        sharedSize = 1;
      }
      byValue.set(key, html);
    }
    return html;
  });
  return env;
}

/** Renders sharedPartial keeps at most (a product page's verdicts are a few KB). */
const SHARED_LIMIT = 500;
