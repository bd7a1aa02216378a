import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { ReadinessReport } from '../services/services.ts';
import { type HttpMetricsOptions, metricsPlugin } from './metrics.ts';
import { handleError, problem, sendProblem, toProblem } from './problem.ts';
import { healthRoutes } from './routes/health.routes.ts';

/**
 * The HTTP side of a `JALON_ROLE=worker` process: `/health`, `/ready` and `/metrics` only, so the
 * jobs it runs (durations, tracker calls and 429s, queue depths) can be scraped and its container
 * health-checked like the API's. No API route, no webhook receiver, no body accepted.
 */
export async function buildOpsApp(deps: {
  readonly logger: Logger;
  readonly readiness: () => Promise<ReadinessReport>;
  readonly metrics: HttpMetricsOptions;
}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, req.id)),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      problem(
        404,
        'route_not_found',
        `No route ${req.method} ${req.url.split('?')[0]} on a worker process (it serves /health, /ready and /metrics)`,
        req.id,
      ),
    ),
  );
  await app.register(metricsPlugin, deps.metrics);
  await app.register(healthRoutes, { readiness: deps.readiness });
  return app;
}
