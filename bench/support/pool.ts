import { JIRA_SECRET, jiraDelivery } from '../../test/support/jira-deliveries.ts';
import type { PooledBody } from './load.ts';

/**
 * `size` signed `jira:issue_updated` bodies from the live capture in test/fixtures/jira, one issue
 * each (ids from `firstIssueId`), signed ahead of the run so the load generator only sends bytes.
 */
export function signedPool(size: number, firstIssueId: number): PooledBody[] {
  const updated = new Date('2027-03-01T10:00:00Z');
  return Array.from({ length: size }, (_, i) => {
    const id = String(firstIssueId + i);
    const d = jiraDelivery({ id, key: `BEN-${id}`, category: 'in_progress', updated }, JIRA_SECRET, 'unused');
    return { body: d.body, signature: d.headers['x-hub-signature'] };
  });
}
