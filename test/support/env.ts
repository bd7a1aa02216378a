import { randomBytes } from 'node:crypto';

/** Where the integration tests find their services; .ci/run and the README set the same. */
export const TEST_DATABASE_URL =
  process.env.JALON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.JALON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BOOTSTRAP_KEY = 'test-bootstrap-admin-key-000000000000';
export const TEST_SECRET_KEY = randomBytes(32).toString('base64');

/** A prefix no other test run uses: tests create their own data and only touch that. */
export const uniq = (label: string): string =>
  `${label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
