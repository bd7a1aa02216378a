import type { OutboxStore } from '../core/events.ts';
import { newId } from '../core/ids.ts';
import type { Db } from './db.ts';
import { outboxEvents } from './outbox.schema.ts';

export function createOutboxRepo(db: Db): OutboxStore {
  return {
    async append(event) {
      const rows = await db
        .insert(outboxEvents)
        .values({ ...event, data: { ...event.data }, id: newId('evt') })
        .onConflictDoNothing({ target: outboxEvents.dedupeKey })
        .returning({ id: outboxEvents.id });
      return rows.length > 0;
    },
  };
}
