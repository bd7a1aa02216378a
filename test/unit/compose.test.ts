import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config.ts';

/**
 * docker-compose.yml as Docker Compose v2 reads it (docker is not needed to run this): variables
 * interpolated over the whole file first, whichever services are started, then YAML with merge keys.
 */
const TEXT = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  pull_policy?: string;
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (all, name, colon, op, arg) => {
      if (all === '$$') return '$';
      const value = env[name];
      const unset = value === undefined || (colon === ':' && value === '');
      if (op === '?' && unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      if (op === '-' && unset) return arg;
      return value ?? '';
    },
  );
}

function services(env: Record<string, string> = {}): Record<string, Service> {
  const all = (parse(interpolate(TEXT, env), { merge: true }) as { services: Record<string, Service> })
    .services;
  // `KEY: ${VAR:-}` is YAML null: compose leaves such a variable unset in the container.
  for (const s of Object.values(all))
    if (s.environment)
      s.environment = Object.fromEntries(Object.entries(s.environment).filter(([, v]) => v !== null));
  return all;
}

describe('docker-compose.yml', () => {
  it('starts Redis alone with nothing exported (no variable is required for the whole file)', () => {
    expect(() => services()).not.toThrow();
    expect(services().redis?.ports).toEqual(['127.0.0.1:6379:6379']);
  });

  it('stops only the Jalon services, naming the variables, until the secrets are exported', () => {
    for (const name of ['app', 'worker']) {
      const env = { ...services()[name]?.environment, JALON_DATA_DIR: '/tmp/jalon-compose-test' };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      try {
        loadConfig(env);
      } catch (err) {
        expect((err as ConfigError).problems).toEqual([
          'JALON_SECRET_KEY: required in production (openssl rand -base64 32)',
          'JALON_METRICS_TOKEN: required in production, /metrics is served on PORT (openssl rand -hex 24)',
        ]);
      }
    }
    const exported = {
      JALON_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
      JALON_METRICS_TOKEN: 'compose-metrics-token-01',
    };
    const app = services(exported).app?.environment ?? {};
    expect(loadConfig({ ...app, JALON_DATA_DIR: '/tmp/jalon-compose-test' })).toMatchObject({
      env: 'production',
      metricsToken: 'compose-metrics-token-01',
    });
  });

  it('publishes every port on 127.0.0.1 unless JALON_BIND_ADDRESS says otherwise', () => {
    const published = Object.values(services()).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
    expect(services({ JALON_BIND_ADDRESS: '0.0.0.0' }).app?.ports).toEqual(['0.0.0.0:3000:3000']);
  });

  it('restarts every service after a crash or a reboot of the Docker daemon', () => {
    for (const [name, s] of Object.entries(services()))
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
  });

  it('builds the image once and runs the api and the worker from it', () => {
    const all = services();
    expect(
      Object.entries(all)
        .filter(([, s]) => s.build !== undefined)
        .map(([n]) => n),
    ).toEqual(['app']);
    expect(all.worker?.image).toBe(all.app?.image);
    expect(all.worker?.pull_policy).toBe('never');
    expect(all.worker?.environment?.JALON_ROLE).toBe('worker');
  });
});
