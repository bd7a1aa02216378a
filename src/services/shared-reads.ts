/**
 * Identical reads sharing one query, never an answer older than the request: a read joins only a
 * query that has not started yet. A query is started one event-loop turn after the read that asks
 * for it (setImmediate), so that the identical requests that arrived in the same turn share it; a
 * read that arrives while the same query runs does not join it (it may have started before a write
 * this client has just seen committed): it waits for it to end and shares the next one with every
 * other read that arrived meanwhile. So each answer comes from a query started after its request
 * arrived (read-your-writes holds, across processes too), and under load one query serves each
 * wave of identical requests instead of one query per request. Nothing is kept once answered.
 */
export function sharedReads<V>(): (key: string, read: () => Promise<V>) => Promise<V> {
  /** The query that has not started yet, by key: the one a read may join. */
  const waiting = new Map<string, Promise<V>>();
  /** The query running now, by key. */
  const running = new Map<string, Promise<V>>();

  return (key, read) => {
    const joinable = waiting.get(key);
    if (joinable) return joinable;
    const current = running.get(key);
    const turn = current
      ? current.then(
          () => undefined,
          () => undefined,
        )
      : new Promise<void>((resolve) => setImmediate(resolve));
    const query: Promise<V> = turn
      .then(() => {
        waiting.delete(key);
        running.set(key, query);
        return read();
      })
      .finally(() => {
        if (running.get(key) === query) running.delete(key);
      });
    waiting.set(key, query);
    return query;
  };
}
