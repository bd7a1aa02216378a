/**
 * Identical reads sharing one query, never an answer older than the request: a read that arrives
 * while the same query is running does not join it (it may have started before a write this
 * client has just seen committed); it waits for it to end and then shares the next one with every
 * other read that arrived meanwhile. So each answer comes from a query started after its request
 * arrived (read-your-writes holds across processes), and under load one query serves each wave of
 * identical requests instead of one query per request. Nothing is kept once a query has answered.
 */
export function sharedReads<V>(): (key: string, read: () => Promise<V>) => Promise<V> {
  /** The query running now, by key. */
  const running = new Map<string, Promise<V>>();
  /** The query that starts when the running one ends, shared by the reads that arrived meanwhile. */
  const next = new Map<string, Promise<V>>();

  function start(key: string, read: () => Promise<V>): Promise<V> {
    const query = read().finally(() => {
      if (running.get(key) === query) running.delete(key);
    });
    running.set(key, query);
    return query;
  }

  return (key, read) => {
    const queued = next.get(key);
    if (queued) return queued;
    const current = running.get(key);
    if (!current) return start(key, read);
    const following = current
      .catch(() => undefined)
      .then(() => {
        next.delete(key);
        return start(key, read);
      });
    next.set(key, following);
    return following;
  };
}
