// The search page's index of products in memory, so a query is answered without scanning the products
// table: every registered product that is not withdrawn, by the trigrams of its search text (brand, model
// and name, lower-cased, as the store keeps it) and by its GTINs. It gives the same matches as the store's
// search (each word a substring of the search text or one of the product's GTINs, ordered by product id);
// words shorter than three characters, and the moments while a changed product is read again, go to the
// store as before. Kept beside the sellability read model: changed products are read again, many in one query.
import type { ProductView, Services } from '../registry/index.js';

type IndexServices = Pick<Services, 'products' | 'sellability'>;

interface Entry {
  text: string;
  gtins: readonly string[];
}

const PAGE = 1000;
/** Changed products read again in one query at most. */
const READ_AT_ONCE = 500;

/** The store's search text of a product (src/registry/products: brand, model and name, lower-cased). */
const searchTextOf = (p: Pick<ProductView, 'brand' | 'model' | 'name'>) =>
  `${p.brand} ${p.model} ${p.name}`.toLowerCase();

function trigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(text.slice(i, i + 3));
  return out;
}

function createSearchIndex(services: IndexServices) {
  const entries = new Map<string, Entry>();
  /** Trigram -> ids of products whose text has it (or had it: every candidate is checked against its entry). */
  const postings = new Map<string, string[]>();
  let ready = false;
  let loading: Promise<void> | undefined;
  /** Products changed and not read again yet: while any are, queries go to the store. */
  const pending = new Map<string, number>();
  /** Counts changes, so a read that began before a product's latest change does not end its wait. */
  let changeNo = 0;
  let epoch = 0;

  function put(product: ProductView): void {
    const before = entries.get(product.id);
    if (product.withdrawn) {
      entries.delete(product.id);
      return;
    }
    const text = searchTextOf(product);
    // A copy exactly its length: the view's array was grown by push (152 bytes for one GTIN against 24; 14 MiB
    // at 100,000 products).
    entries.set(product.id, { text, gtins: product.gtins.slice() });
    const had = before === undefined ? new Set<string>() : trigramsOf(before.text);
    for (const gram of trigramsOf(text)) {
      if (had.has(gram)) continue;
      let ids = postings.get(gram);
      if (ids === undefined) postings.set(gram, (ids = []));
      ids.push(product.id);
    }
  }

  function load(): Promise<void> {
    loading ??= (async () => {
      const started = epoch;
      let after: string | undefined;
      for (;;) {
        const page = await services.products.findProducts({ limit: PAGE, ...(after ? { after } : {}) });
        for (const product of page) put(product);
        if (page.length < PAGE) break;
        after = page.at(-1)!.id;
      }
      // A change to every product while loading: start again on the next query.
      if (started === epoch) ready = true;
    })().finally(() => (loading = undefined));
    return loading;
  }

  /** Changed products waiting to be read again, together: a commit of many declarations is one read. */
  const toRead = new Set<string>();
  function readAgain(): void {
    const ids = [...toRead].slice(0, READ_AT_ONCE);
    for (const id of ids) toRead.delete(id);
    if (toRead.size > 0) setImmediate(readAgain);
    const asOf = new Map(ids.map((id) => [id, pending.get(id)]));
    const done = (id: string) => {
      if (pending.get(id) === asOf.get(id)) pending.delete(id);
    };
    void services.products.productsById(ids).then(
      (found) => {
        for (const product of found) put(product);
        // An id the store no longer has is out of the index.
        const seen = new Set(found.map((p) => p.id));
        for (const id of ids) {
          if (!seen.has(id)) entries.delete(id);
          done(id);
        }
      },
      () => {
        // The store failed: these are out of the index and the store answers until it is loaded again.
        for (const id of ids) {
          entries.delete(id);
          done(id);
        }
        ready = false;
      },
    );
  }

  services.sellability.onProductChange((productId) => {
    epoch++;
    if (productId === null) {
      ready = false;
      entries.clear();
      postings.clear();
      pending.clear();
      toRead.clear();
      return;
    }
    pending.set(productId, ++changeNo);
    if (toRead.size === 0) setImmediate(readAgain);
    toRead.add(productId);
  });

  const matches = (entry: Entry, words: readonly string[], lowered: readonly string[]) =>
    words.every((w, i) => entry.text.includes(lowered[i]!) || entry.gtins.includes(w));

  /**
   * The ids of the first `limit` products the store's search for `q` would give, in its order (by id); null
   * when the store must answer (the index is not loaded, a product is being read again, a word is short).
   */
  function search(q: string, limit: number): string[] | null {
    if (!ready) {
      void load().catch(() => undefined);
      return null;
    }
    if (pending.size > 0) return null;
    const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
    if (words.length === 0 || words.some((w) => w.length < 3)) return null;
    const lowered = words.map((w) => w.toLowerCase());
    // The candidates of the word with the fewest: its rarest trigram's products, and the owner of the GTIN.
    let best: string[] | undefined;
    let bestWord = 0;
    for (const [i, word] of lowered.entries()) {
      for (const gram of trigramsOf(word)) {
        const ids = postings.get(gram) ?? [];
        if (best === undefined || ids.length < best.length) [best, bestWord] = [ids, i];
      }
    }
    const owner = services.sellability.productOfGtin(words[bestWord]!);
    const found = new Set<string>();
    for (const id of owner === undefined ? best! : [...best!, owner]) {
      const entry = entries.get(id);
      if (entry !== undefined && !found.has(id) && matches(entry, words, lowered)) found.add(id);
    }
    return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
  }

  return { search, load, size: () => entries.size, ready: () => ready };
}

const perServices = new WeakMap<IndexServices, ReturnType<typeof createSearchIndex>>();

/** The search index of these services (loaded on the first query, or by warmPages). */
export function searchIndexFor(services: IndexServices): ReturnType<typeof createSearchIndex> {
  let index = perServices.get(services);
  if (index === undefined) perServices.set(services, (index = createSearchIndex(services)));
  return index;
}
