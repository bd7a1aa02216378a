import { describe, expect, it } from 'vitest';
import { accumulate, currentSecrets, ROTATION_GRACE_MS, rotate } from '../../src/services/webhook-secrets.ts';

const t0 = new Date('2027-01-01T00:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('webhook secrets', () => {
  it('keep the replaced secret during the grace period of a rotation, then drop it', () => {
    const first = rotate([], 'one', t0);
    const second = rotate(first, 'two', later(1000));
    expect(currentSecrets(second, later(2000))).toEqual(['two', 'one']);
    expect(currentSecrets(second, later(ROTATION_GRACE_MS + 2000))).toEqual(['two']);
    expect(rotate(second, 'three', later(3000)).map((e) => e.secret)).toEqual(['three', 'two']);
    expect(rotate(second, 'two', later(3000)).map((e) => e.secret)).toEqual(['two']);
  });

  it('keep every Asana per-webhook secret (one per linked project), without duplicates', () => {
    let entries = accumulate([], 'project-a', t0);
    entries = accumulate(entries, 'project-b', later(1000));
    entries = accumulate(entries, 'project-a', later(2000));
    expect(currentSecrets(entries, later(ROTATION_GRACE_MS * 10)).sort()).toEqual(['project-a', 'project-b']);
  });
});
