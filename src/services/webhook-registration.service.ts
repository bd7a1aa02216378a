import { NotFound } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import type { TrackerLimiter } from '../core/sync-ports.ts';
import type { WebhookRegistration } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';

export interface RegisteredWebhooks {
  readonly connectionId: string;
  readonly callbackUrl: string;
  readonly links: readonly { linkId: string; webhooks: readonly WebhookRegistration[] }[];
}

export interface WebhookRegistrationService {
  /** Registers (or refreshes) the tracker webhooks of every link of the connection. */
  register(connectionId: string): Promise<RegisteredWebhooks>;
}

/**
 * The callback is exactly `${JALON_PUBLIC_URL}/webhooks/{tracker}/{connectionId}`: Trello signs
 * over it, and Asana's handshake reaches the receiver while the create call is still in flight.
 * Adapters reuse a webhook that already exists for the same scope and URL, so calling this again
 * refreshes rather than duplicates (Jira dynamic webhooks get their 30-day expiry pushed back).
 */
export function createWebhookRegistrationService(deps: {
  store: Pick<Store, 'links'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'setIntegrationAccount' | 'noteHealth'>;
  limiter: TrackerLimiter;
  publicUrl: string;
}): WebhookRegistrationService {
  return {
    async register(connectionId) {
      const found = await deps.connections.adapterFor(connectionId);
      if (!found) throw new NotFound('Connection', connectionId);
      const { adapter, connection } = found;
      const callbackUrl = `${deps.publicUrl}/webhooks/${connection.tracker}/${connection.id}`;
      if (!connection.integrationAccountId) {
        const me = await deps.limiter.run(connection.id, adapter.tracker, 'read', 1, () => adapter.whoAmI());
        await deps.connections.setIntegrationAccount(connection.id, me.accountId);
      }
      const links = await deps.store.links.listByConnection(connectionId);
      const result: { linkId: string; webhooks: readonly WebhookRegistration[] }[] = [];
      for (const link of links) {
        const webhooks = await deps.limiter.run(connection.id, adapter.tracker, 'write', 2, () =>
          adapter.registerWebhooks(link.scope, callbackUrl),
        );
        result.push({ linkId: link.id, webhooks });
      }
      await deps.connections.noteHealth(connectionId, { health: 'healthy', lastError: null });
      return { connectionId, callbackUrl, links: result };
    },
  };
}
