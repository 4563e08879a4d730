// Rendered public pages kept beside the sellability read model: the QR landing page and the product page
// per product and day, the search page per query and day. An entry is dropped when the read model drops the
// answers of a product it shows (this process's writes at once, another process's within a second); a search
// page is dropped on any product change, since a write can add a match. Only pages for people who are not
// signed in are kept (a signed-in page names its reader), and the query string of the request is never part
// of a kept page: a label link's token reaches the server in it, and every scan must get the same bytes.
//
// Each kept page carries an ETag and `Cache-Control: public, max-age=60`, so a CDN or browser may keep it
// and revalidate with If-None-Match (304). The policy allows GOV.UK Frontend's one inline snippet by its hash
// (render.ts), so the kept bytes need no per-response nonce.
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { acceptedCodings } from '../encoding/accepts-gzip.js';
import { keptBytes } from '../encoding/kept-bytes.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebContext } from './context.js';
import { navigationFor } from './navigation.js';
import { allowInlineSnippet, renderPage } from './render.js';
import { compactHtml } from './compact-html.js';
import { createShells, escapeTitle, type PageShell } from './page-shell.js';

export interface RenderedPage {
  template: string;
  context: Record<string, unknown>;
  /** The products the page shows: a change to any of them drops it. */
  productIds: readonly string[];
  /**
   * The page's main fragment, which `template` includes unless given `shell`: then only it and the title
   * (`context.pageTitle`) are rendered per page, inside the day's shell (page-shell.ts), and only they are kept.
   */
  main?: string;
}

interface Kept {
  /** Its key in the cache (with the day). */
  key: string;
  /**
   * The page's UTF-8 bytes (half the memory of a string holding any non-Latin-1 character, and sent as is):
   * the whole page, or, inside `shell`, its main fragment; dropped once the page is compressed (a client that
   * takes neither brotli nor gzip, rare, gets it decompressed).
   */
  html?: Buffer;
  shell?: { parts: PageShell; title: Buffer };
  /** The whole page gzipped, made on its second request from a client that takes gzip (browsers and CDNs do). */
  gzipped?: Buffer;
  /**
   * The whole page in brotli (a tenth smaller than gzip, at twice its time), made once the page has been asked
   * for BROTLI_FROM times by clients that take it: worth it for a page many ask for, not for a cold scan.
   */
  brotli?: Buffer;
  /** Requests answered with this entry. */
  hits: number;
  etag: string;
  productIds: readonly string[];
  search: boolean;
}

/**
 * Kept pages at most, and their bytes at most (a search page is many times a landing page). Half of it is what
 * a start may warm: at 10,000 products, every landing page (~2 KB in brotli) and every product page (~4 KB).
 */
const LIMIT = 40_000;
const MAX_BYTES = 128 * 2 ** 20;

export type PageCache = ReturnType<typeof createPageCache>;

/** A kept page's bytes as sent: the shell around its title and main fragment, or the page itself. */
function assemble(entry: Pick<Kept, 'html' | 'shell' | 'gzipped' | 'brotli'>): Buffer {
  if (entry.html === undefined)
    return entry.brotli !== undefined ? brotliDecompressSync(entry.brotli) : gunzipSync(entry.gzipped!);
  if (entry.shell === undefined) return entry.html;
  const { head, middle, tail } = entry.shell.parts;
  return Buffer.concat([head, entry.shell.title, middle, entry.html, tail]);
}

/** What a kept page holds in memory: the blocks behind its bytes (keptBytes makes them exactly their size). */
const block = (bytes: Buffer | undefined) => bytes?.buffer.byteLength ?? 0;
const sizeOf = (entry: Kept) =>
  block(entry.html) + block(entry.brotli) + block(entry.gzipped) + block(entry.shell?.title);

/** The longest the start's page warm holds the thread before letting waiting requests in. */
const WARM_SLICE_MS = 10;

/** The request from which a page goes in brotli to clients that take it. */
const BROTLI_FROM = 8;

/** A whole page gzipped, in a block of its own (zlib's output is a view into the chunk it wrote to). */
const gzipOf = (page: Buffer) => keptBytes(gzipSync(page, { level: 6 }));

/**
 * Quality 5 of 11: within 1 % of 8 for a page at half its time. A 256 KiB window, not the default 4 MiB, and the
 * page's size: brotli otherwise sets up its buffers for far larger inputs on every page.
 */
const brotliOptions = (size: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 5,
    [constants.BROTLI_PARAM_LGWIN]: 18,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});

/**
 * Route options for a page answered through the page cache: helmet's headers worked out once (when the
 * composition root gave them) instead of helmet building its middleware again on each request; on the
 * page, its errors and its 304 alike.
 */
export function keptPageRoute(ctx: WebContext) {
  const headers = ctx.securityHeaders;
  if (headers === undefined) return { schema: { hide: true } } as const;
  return {
    schema: { hide: true },
    helmet: false,
    onRequest: (_request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      const known = headers();
      if (!(known instanceof Promise)) {
        void reply.headers(known);
        return done();
      }
      known.then((h) => done(void reply.headers(h)), done);
    },
  } as const;
}

const caches = new WeakMap<WebContext['services'], PageCache>();

/** The one page cache of these services (pages of every route share it). */
export function pageCacheFor(ctx: WebContext): PageCache {
  let cache = caches.get(ctx.services);
  if (cache === undefined) caches.set(ctx.services, (cache = createPageCache(ctx)));
  return cache;
}

export function createPageCache(ctx: WebContext) {
  const kept = new Map<string, Kept>();
  const keysOf = new Map<string, Set<string>>();
  const searches = new Set<string>();
  /** Bumped on every change, so a page rendered across a write is sent but not kept. */
  let changes = 0;
  const shells = createShells(ctx.env);

  let bytes = 0;
  const drop = (key: string) => {
    const entry = kept.get(key);
    if (entry === undefined) return;
    kept.delete(key);
    bytes -= sizeOf(entry);
    searches.delete(key);
    for (const id of entry.productIds) keysOf.get(id)?.delete(key);
  };

  ctx.services.sellability.onProductChange((productId) => {
    changes++;
    if (productId === null) {
      kept.clear();
      bytes = 0;
      keysOf.clear();
      searches.clear();
      return;
    }
    for (const key of [...(keysOf.get(productId) ?? []), ...searches]) drop(key);
    keysOf.delete(productId);
  });

  function keep(key: string, entry: Kept): Kept {
    drop(key); // two requests that missed together both keep: the second replaces the first
    while (kept.size > 0 && (kept.size >= LIMIT || bytes + sizeOf(entry) > MAX_BYTES))
      drop(kept.keys().next().value as string);
    kept.set(key, entry);
    bytes += sizeOf(entry);
    if (entry.search) searches.add(key);
    for (const id of entry.productIds) {
      let keys = keysOf.get(id);
      if (keys === undefined) keysOf.set(id, (keys = new Set()));
      keys.add(key);
    }
    return entry;
  }

  /**
   * Answers a public page from the cache, or renders it with `render` and keeps it. `key` names the page
   * (route and what it shows, without the day: the day is added here). Signed-in readers get a fresh render.
   */
  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<RenderedPage>,
    options: { search?: boolean } = {},
  ): Promise<FastifyReply> {
    if (request.signedIn) {
      const page = await render();
      return renderPage(ctx.env, reply, page.template, page.context);
    }
    const dayKey = `${ctx.today()}|${key}`;
    const entry = kept.get(dayKey);
    if (entry !== undefined) return answer(request, reply, entry);
    const before = changes;
    const made = renderKept(dayKey, request.url.split('?')[0]!, await render(), options);
    // Kept only when no write came in while it was rendered (the listener had nothing to drop yet).
    if (before === changes) keep(dayKey, made.entry);
    return answer(request, reply, made.entry, made.whole);
  }

  /** A rendered page as kept (its bytes, ETag and products) and its whole bytes as sent. */
  function renderKept(
    dayKey: string,
    path: string,
    page: RenderedPage,
    options: { search?: boolean },
  ): { entry: Kept; whole: Buffer } {
    const layout = { currentPath: path, signedIn: null, navigation: navigationFor(null, path), csrfField: () => '' };
    const full = { ...page.context, ...layout };
    const parts = page.main === undefined ? null : shells.shellOf(page.template, ctx.today(), layout);
    let shell: Kept['shell'];
    let html: Buffer;
    let whole: Buffer;
    if (parts === null) {
      html = whole = keptBytes(compactHtml(ctx.env.render(page.template, full)));
    } else {
      const title = keptBytes(escapeTitle(String(page.context['pageTitle'] ?? '')));
      html = keptBytes(compactHtml(ctx.env.render(page.main!, full)));
      shell = { parts, title };
      whole = assemble({ html, shell });
    }
    const digest = createHash('sha256').update(whole).digest('base64url');
    const entry: Kept = {
      key: dayKey,
      html,
      etag: `W/"p-${digest.slice(0, 27)}"`,
      productIds: page.productIds,
      search: options.search === true,
      hits: 0,
      ...(shell ? { shell } : {}),
    };
    return { entry, whole };
  }

  /**
   * Renders the page at `path` (named `key`, as for send) and keeps it in brotli, what browsers take (a client
   * that takes only gzip has it made on its first request), unless it is kept already. Resolves to whether it
   * was kept.
   */
  async function prefill(key: string, path: string, render: () => Promise<RenderedPage>): Promise<boolean> {
    const dayKey = `${ctx.today()}|${key}`;
    if (kept.has(dayKey)) return false;
    const before = changes;
    const { entry, whole } = renderKept(dayKey, path, await render(), {});
    if (before !== changes) return false;
    entry.brotli = keptBytes(brotliCompressSync(whole, brotliOptions(whole.byteLength)));
    entry.html = undefined;
    entry.shell = undefined;
    keep(dayKey, entry);
    return true;
  }

  /** Room left for a start's warm: half the cache, so that what readers ask later has the other half. */
  const room = () => kept.size < LIMIT / 2 && bytes < MAX_BYTES / 2;

  /**
   * Keeps each of `pages` (as prefill) while the warm has room; a page that fails to render is left for its
   * first request. Resolves to how many it kept. On SQLite a render's awaits resolve at once (the driver is
   * synchronous) and let no request in, so the warm yields to requests itself every WARM_SLICE_MS (by time,
   * not by count: a product page takes ten times a landing page).
   */
  async function warm(pages: Iterable<{ key: string; path: string; render: () => Promise<RenderedPage> }>) {
    let keptPages = 0;
    let sliceStart = performance.now();
    for (const { key, path, render } of pages) {
      if (!room()) break;
      if (await prefill(key, path, render).catch(() => false)) keptPages++;
      if (performance.now() - sliceStart >= WARM_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return keptPages;
  }

  function answer(request: FastifyRequest, reply: FastifyReply, entry: Kept, whole?: Buffer): FastifyReply {
    allowInlineSnippet(reply);
    // The same address answers in brotli, gzipped or plain, so a cache keys on Accept-Encoding; the weak ETag
    // is the same for all three (the same page).
    void reply
      .header('etag', entry.etag)
      .header('cache-control', 'public, max-age=60')
      .header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    void reply.code(200).type('text/html; charset=utf-8');
    // Compressed from the page's second request on: a page asked for once (a cold scan) is not worth the time.
    const hits = ++entry.hits;
    const codings = acceptedCodings(request.headers['accept-encoding']);
    if (whole !== undefined || (!codings.br && !codings.gzip)) return reply.send(whole ?? assemble(entry));
    const coding = codings.br && (entry.brotli !== undefined || hits >= BROTLI_FROM || !codings.gzip) ? 'br' : 'gzip';
    const form = coding === 'br' ? 'brotli' : 'gzipped';
    if (entry[form] === undefined) {
      const held = kept.get(entry.key) === entry;
      if (held) bytes -= sizeOf(entry);
      const plain = assemble(entry);
      entry[form] =
        coding === 'br' ? keptBytes(brotliCompressSync(plain, brotliOptions(plain.byteLength))) : gzipOf(plain);
      entry.html = undefined;
      entry.shell = undefined;
      if (held) bytes += sizeOf(entry);
    }
    return reply.header('content-encoding', coding).send(entry[form]);
  }

  return {
    send,
    warm,
    size: () => kept.size,
    bytes: () => bytes,
  };
}
