import type { LinkScope, Task } from '../../src/core/task.ts';
import {
  type AdapterContext,
  type RegistrationHooks,
  TaskGone,
  type TrackerAdapter,
  type WebhookRegistration,
} from '../../src/core/tracker.ts';
import type { AsanaClient, AsanaWebhookFilter } from './asana.client.ts';
import { pushAsanaDecision, type TagCache } from './asana.decision.ts';
import { AsanaMisconfigured } from './asana.errors.ts';
import { listAsanaChanges } from './asana.listing.ts';
import { toTask } from './asana.mapper.ts';
import type { AsanaTask } from './asana.payloads.ts';
import type { AsanaCredentials, AsanaSettings } from './asana.settings.ts';
import { asanaDeliveryKey, parseAsanaWebhook, verifyAsanaWebhook } from './asana.webhook.ts';

/**
 * What a project webhook delivers (https://developers.asana.com/docs/webhooks-guide, Filtering):
 * every task action, and comments. Other story subtypes repeat task changes; sections, tags and
 * the project itself are not tasks.
 */
export const ASANA_WEBHOOK_FILTERS: readonly AsanaWebhookFilter[] = [
  ...['added', 'changed', 'removed', 'deleted', 'undeleted'].map((action) => ({
    resource_type: 'task',
    action,
  })),
  { resource_type: 'story', resource_subtype: 'comment_added', action: 'added' },
];

function projectOf(scope: LinkScope): string {
  if (scope.tracker !== 'asana')
    throw new AsanaMisconfigured(`a ${scope.tracker} link on an asana connection`);
  return scope.projectGid;
}

/**
 * Registration is idempotent: a live webhook for this project and target is kept; inactive ones
 * (handshake failed, or deliveries failing) are deleted and replaced. Asana POSTs the handshake
 * to `callbackUrl` while `createWebhook` is still waiting for its answer, so Jalon's receiver must
 * be up and answer it (`verifyWebhook` → `handshake`) concurrently; the create call fails if it
 * does not. The receiver answers only a handshake it expects: the window opens right before the
 * create call and closes when it returns (the handshake itself uses it up). Asana webhooks do not
 * expire (`expiresAt` null) but are deleted after 24 h of failed deliveries, which a periodic
 * refresh repairs.
 */
async function registerProjectWebhook(
  client: AsanaClient,
  projectGid: string,
  callbackUrl: string,
  hooks: RegistrationHooks | undefined,
): Promise<readonly WebhookRegistration[]> {
  const workspace = await client.getProjectWorkspace(projectGid);
  const mine = (await client.listWebhooks(workspace, projectGid)).filter((w) => w.target === callbackUrl);
  const live = mine.find((w) => w.active === true);
  if (live) return [{ externalId: live.gid, expiresAt: null }];
  for (const dead of mine) await client.deleteWebhook(dead.gid);
  const withdraw = await hooks?.expectHandshake();
  try {
    const created = await client.createWebhook(projectGid, callbackUrl, ASANA_WEBHOOK_FILTERS);
    return [{ externalId: created.gid, expiresAt: null }];
  } finally {
    await withdraw?.();
  }
}

export function createAsanaAdapter(
  ctx: AdapterContext<AsanaCredentials, AsanaSettings>,
  client: AsanaClient,
): TrackerAdapter {
  const map = (task: AsanaTask): Task => toTask(task, ctx.settings);
  const tags: TagCache = new Map();
  return {
    tracker: 'asana',
    verifyWebhook: (req) => verifyAsanaWebhook(req, ctx.webhookSecrets),
    parseWebhook: (req) => parseAsanaWebhook(req, ctx.integrationAccountId),
    deliveryKey: asanaDeliveryKey,
    async fetchTask(ref) {
      try {
        return map(await client.getTask(ref.externalId));
      } catch (err) {
        if (err instanceof TaskGone) return null;
        throw err;
      }
    },
    listChanged: (scope, since) => listAsanaChanges(client, projectOf(scope), since, map),
    pushDecision: (ref, decision) => pushAsanaDecision(client, tags, ref.externalId, decision, ctx.settings),
    registerWebhooks: (scope, callbackUrl, hooks) =>
      registerProjectWebhook(client, projectOf(scope), callbackUrl, hooks),
    async whoAmI() {
      const me = await client.me();
      return { accountId: me.gid, name: me.name ?? me.gid };
    },
  };
}
