import type { FastifyInstance } from 'fastify';
import { newId } from '../../src/core/ids.ts';
import type { Store } from '../../src/core/ports.ts';
import { scopeKey } from '../../src/core/sync-ports.ts';
import type { LinkScope } from '../../src/core/task.ts';
import { engagementBody } from './engagement.ts';
import { BOOTSTRAP_KEY, uniq } from './env.ts';

/**
 * Makes the connection follow `scope` in a new draft engagement, so the tasks these tests deliver
 * are stored (Jalon stores only tasks inside a linked scope). The link is written straight to the
 * store: the link route would start a first sync against a tracker these tests do not run.
 */
export async function followScope(
  deps: { app: FastifyInstance; store: Pick<Store, 'links'> },
  connectionId: string,
  scope: LinkScope,
): Promise<string> {
  const headers = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
  const provider = await deps.app.inject({
    method: 'POST',
    url: '/v1/providers',
    headers,
    payload: { name: uniq('Atelier') },
  });
  const engagement = await deps.app.inject({
    method: 'POST',
    url: '/v1/engagements',
    headers,
    payload: engagementBody(provider.json().id),
  });
  if (engagement.statusCode !== 201) throw new Error(`engagement not created: ${engagement.body}`);
  const engagementId = String(engagement.json().id);
  await deps.store.links.insert({
    id: newId('lnk'),
    engagementId,
    connectionId,
    scope,
    scopeKey: scopeKey(scope),
    createdBy: 'test',
  });
  return engagementId;
}
