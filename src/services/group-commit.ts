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
  opts: { maxBatch: number } = { maxBatch: 500 },
): GroupCommit<I, O> {
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let writing = false;

  const drain = async (): Promise<void> => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, opts.maxBatch);
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
    writing = false;
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
