import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'jalon-config-'));
const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig({ JALON_DATA_DIR: dataDir(), ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('config', () => {
  it('starts with defaults and an embedded database when DATABASE_URL is unset', () => {
    const config = loadConfig({ JALON_DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.databaseUrl).toBeNull();
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ JALON_ROLE: 'scheduler' }, 'JALON_ROLE'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ JALON_PUBLIC_URL: 'not a url' }, 'JALON_PUBLIC_URL'],
    [{ JALON_SECRET_KEY: 'short' }, 'JALON_SECRET_KEY'],
    [{ JALON_BOOTSTRAP_ADMIN_KEY: 'tooshort' }, 'JALON_BOOTSTRAP_ADMIN_KEY'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('names the bad variable: %o', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', JALON_ROLE: 'y' }).map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'JALON_ROLE',
    ]);
  });

  it('refuses internal event targets in production unless told otherwise, allows them elsewhere', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const prod = {
      JALON_DATA_DIR: dataDir(),
      NODE_ENV: 'production',
      JALON_SECRET_KEY: key,
      JALON_METRICS_TOKEN: 'metrics-token-0001',
    };
    expect(loadConfig(prod).eventDelivery.allowInternalTargets).toBe(false);
    expect(
      loadConfig({ ...prod, JALON_EVENT_ALLOW_INTERNAL_TARGETS: 'true' }).eventDelivery.allowInternalTargets,
    ).toBe(true);
    expect(loadConfig({ JALON_DATA_DIR: dataDir() }).eventDelivery.allowInternalTargets).toBe(true);
    expect(
      loadConfig({ JALON_DATA_DIR: dataDir(), JALON_EVENT_ALLOW_INTERNAL_TARGETS: 'false' }).eventDelivery
        .allowInternalTargets,
    ).toBe(false);
    expect(problemsOf({ JALON_EVENT_ALLOW_INTERNAL_TARGETS: 'yes' })[0]).toMatch(
      /^JALON_EVENT_ALLOW_INTERNAL_TARGETS/,
    );
  });

  it('requires JALON_SECRET_KEY in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^JALON_SECRET_KEY: required in production/);
  });

  it('requires JALON_METRICS_TOKEN in production, so /metrics on the public port is never open', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const prod = { JALON_DATA_DIR: dataDir(), NODE_ENV: 'production', JALON_SECRET_KEY: key };
    expect(problemsOf(prod)).toEqual([
      'JALON_METRICS_TOKEN: required in production, /metrics is served on PORT (openssl rand -hex 24)',
    ]);
    expect(problemsOf({ NODE_ENV: 'production' }).map((p) => p.split(':')[0])).toEqual([
      'JALON_SECRET_KEY',
      'JALON_METRICS_TOKEN',
    ]);
    expect(loadConfig({ ...prod, JALON_METRICS_TOKEN: 'metrics-token-0001' }).metricsToken).toBe(
      'metrics-token-0001',
    );
    expect(loadConfig({ JALON_DATA_DIR: dataDir() }).metricsToken).toBeNull();
  });

  it('generates a development secret key once and reuses it', () => {
    const dir = dataDir();
    const first = loadConfig({ JALON_DATA_DIR: dir });
    const second = loadConfig({ JALON_DATA_DIR: dir });
    expect(first.secretKey).toHaveLength(32);
    expect(second.secretKey.equals(first.secretKey)).toBe(true);
    expect(first.warnings[0]).toContain('JALON_SECRET_KEY is unset');
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(first.secretKey.toString('base64'));
  });

  it('takes a given secret key as 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ JALON_DATA_DIR: dataDir(), JALON_SECRET_KEY: key }).secretKey).toEqual(
      Buffer.alloc(32, 7),
    );
  });
});
