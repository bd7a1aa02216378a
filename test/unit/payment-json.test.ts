import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAYMENT_JSON } from '../../src/store/payments.repo.ts';

/**
 * Migration 0016 (its trigger function replaced by 0024) keeps each milestone's finance-list entry as text written by a trigger: its
 * expression must stay the one the repository defines (PAYMENT_JSON), or stored entries would
 * drift from what the route is specified to send.
 */
describe('payment_milestones.page_json', () => {
  it('is written by the migration with exactly the repository’s expression', () => {
    const migration = readFileSync(
      new URL('../../src/store/migrations/0024_retention_release.sql', import.meta.url),
      'utf8',
    );
    const squeeze = (text: string) => text.replace(/\s+/g, ' ');
    expect(squeeze(migration)).toContain(`SELECT ${squeeze(PAYMENT_JSON)} INTO NEW.page_json`);
  });
});
