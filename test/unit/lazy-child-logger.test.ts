import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, lazyChild } from '../../src/logger.ts';

/** Fastify's per-request logger (src/logger.ts lazyChild, set as childLoggerFactory in app.ts). */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('lazyChild', () => {
  it('makes no pino child for calls below the level, and writes the bindings on the first call above it', async () => {
    const { logger, lines } = capture('info');
    const made = vi.spyOn(logger, 'child');
    const log = lazyChild(logger, { reqId: 'req-1' });
    log.debug('not written');
    log.trace({ a: 1 }, 'not written');
    expect(made).not.toHaveBeenCalled();
    expect(log.isLevelEnabled('debug')).toBe(false);
    expect(log.isLevelEnabled('info')).toBe(true);
    expect(log.level).toBe('info');
    log.info({ code: 'x' }, 'written');
    log.error('also written');
    await flush();
    expect(made).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, reqId: 'req-1', code: 'x', msg: 'written', service: 'jalon' }),
      expect.objectContaining({ level: 50, reqId: 'req-1', msg: 'also written' }),
    ]);
  });

  it('still redacts secrets, honours a route level and makes children of its own', async () => {
    const { logger, lines } = capture('info');
    const log = lazyChild(logger, { reqId: 'req-2' }, { level: 'warn' });
    log.info('below the route level');
    log.warn(
      { req: { headers: { authorization: 'Bearer jalon_secret' } }, connection: { apiToken: 'tok' } },
      'redacted',
    );
    log.child({ job: 'j1' }).error('from a child');
    log.level = 'debug';
    log.debug('after raising the level');
    await flush();
    expect(lines.map((l) => l.msg)).toEqual(['redacted', 'from a child', 'after raising the level']);
    expect(JSON.stringify(lines)).not.toContain('jalon_secret');
    expect(JSON.stringify(lines)).not.toContain('"tok"');
    expect(lines[1]).toMatchObject({ reqId: 'req-2', job: 'j1' });
  });
});
