/**
 * Group commit: concurrent callers' items are written in one batch. While a batch is being
 * written, new items queue up and go together in the next one, so a lone request pays one round
 * trip and a burst pays one round trip per batch rather than per item.
 */
export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
}

export function createGroupCommit<I, O>(
  write: (items: I[]) => Promise<O[]>,
  opts: { maxBatch?: number; maxInFlight?: number; lingerMs?: number } = {},
): GroupCommit<I, O> {
  const maxBatch = opts.maxBatch ?? 500;
  // Time a writer waits for company before its first batch (0: none). For writes nobody awaits
  // on a hot path: it turns a trickle of lone items into one write per window.
  const lingerMs = opts.lingerMs ?? 0;
  // Batches written at once: 1 (the default) keeps the writes in submission order; more lets a
  // new batch start while another waits for its commit, so a caller need not wait for it.
  const maxInFlight = opts.maxInFlight ?? 1;
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let writers = 0;

  const drain = async (): Promise<void> => {
    writers += 1;
    if (lingerMs > 0 && queue.length < maxBatch)
      await new Promise((resolve) => setTimeout(resolve, lingerMs));
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const results = await write(batch.map((b) => b.item));
        batch.forEach((b, i) => {
          b.resolve(results[i] as O);
        });
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    writers -= 1;
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (writers < maxInFlight) void drain();
      });
    },
  };
}
