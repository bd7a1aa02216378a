import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram, type Registry } from 'prom-client';
import { Unauthenticated } from '../core/errors.ts';

export interface HttpMetricsOptions {
  /** The container's registry: `/metrics` serves it, request durations are recorded in it. */
  readonly registry: Registry;
  /** When set, `/metrics` requires `Authorization: Bearer <token>`; otherwise it is open. */
  readonly token: string | null;
}

/** Acknowledging a webhook should take milliseconds: the low buckets are where it shows. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HISTOGRAM = 'jalon_http_request_duration_seconds';

// Hashing both sides first gives equal lengths, so the comparison leaks neither bytes nor length.
const digest = (s: string) => createHash('sha256').update(s).digest();
const sameToken = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * Request durations by method, route pattern (never the raw URL: ids would explode the series)
 * and status, and `GET /metrics` in Prometheus' text format. Left out of the OpenAPI document:
 * it is for the scraper, not for API clients.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: HttpMetricsOptions) => {
    const existing = opts.registry.getSingleMetric(HISTOGRAM);
    const duration =
      (existing as Histogram<'method' | 'route' | 'status'> | undefined) ??
      new Histogram({
        name: HISTOGRAM,
        help: 'HTTP request durations by method, route pattern and status',
        labelNames: ['method', 'route', 'status'] as const,
        buckets: HTTP_BUCKETS,
        registers: [opts.registry],
      });
    app.addHook('onResponse', async (req, reply) => {
      duration.observe(
        { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    const authorize = async (req: FastifyRequest) => {
      if (opts.token === null) return;
      const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !sameToken(given, opts.token)) {
        throw new Unauthenticated('The metrics token is required (Authorization: Bearer <token>)');
      }
    };
    app.get(
      '/metrics',
      { schema: { hide: true }, logLevel: 'warn', preHandler: authorize },
      async (_req, reply) => reply.type(opts.registry.contentType).send(await opts.registry.metrics()),
    );
  },
  { name: 'jalon-metrics' },
);
