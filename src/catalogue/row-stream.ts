// Rows travel between the parser, the checker and the writers in batches, so that each pays for one
// asynchronous hand-over per batch instead of one per row; callers may still iterate row by row.

/** An async stream of items that can also be read a batch at a time. */
export interface RowStream<T> extends AsyncIterable<T> {
  batches(): AsyncIterable<readonly T[]>;
}

export function rowStream<T>(batches: () => AsyncIterable<readonly T[]>): RowStream<T> {
  return {
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

/** Batches of `source`: its own when it is a RowStream, else gathered up to `size` items. */
export async function* batchesOf<T>(
  source: AsyncIterable<T> | Iterable<T>,
  size: number,
): AsyncGenerator<readonly T[]> {
  if ('batches' in source && typeof source.batches === 'function') {
    yield* (source as RowStream<T>).batches();
    return;
  }
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
