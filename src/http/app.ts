import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { Overloaded } from '../core/errors.ts';
import { lazyChild } from '../logger.ts';
import type { ReadinessReport, Services } from '../services/services.ts';
import { authPlugin } from './auth.ts';
import { type HttpMetricsOptions, metricsPlugin } from './metrics.ts';
import { contractTransform, contractTransformObject } from './openapi-contract.ts';
import { handleError, problem, sendProblem, toProblem } from './problem.ts';
import { adminJobRoutes } from './routes/admin-jobs.routes.ts';
import { apiKeyRoutes } from './routes/api-keys.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { changeRequestRoutes } from './routes/change-requests.routes.ts';
import { connectionRoutes } from './routes/connections.routes.ts';
import { dashboardRoutes } from './routes/dashboard.routes.ts';
import { decisionRoutes } from './routes/decisions.routes.ts';
import { deliverableRoutes } from './routes/deliverables.routes.ts';
import { engagementRoutes } from './routes/engagements.routes.ts';
import { evaluationRoutes } from './routes/evaluations.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { journalRoutes } from './routes/journal.routes.ts';
import { linkRoutes } from './routes/links.routes.ts';
import { meRoutes } from './routes/me.routes.ts';
import { milestoneRoutes } from './routes/milestones.routes.ts';
import { paymentRoutes } from './routes/payments.routes.ts';
import { providerRoutes } from './routes/providers.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';
import { subscriptionRoutes } from './routes/subscriptions.routes.ts';
import { syncRoutes } from './routes/sync.routes.ts';
import { taskRoutes } from './routes/tasks.routes.ts';
import { uiRoutes } from './routes/ui.routes.ts';
import { webhookRoutes } from './routes/webhooks.routes.ts';
import { allowProblemOn503 } from './schemas.ts';

export interface AppDeps {
  readonly logger: Logger;
  readonly services: Services;
  readonly readiness: () => Promise<ReadinessReport>;
  readonly bodyLimit?: number;
  /** How long a client has to send a whole request, body included (slow-body attacks). */
  readonly requestTimeoutMs?: number;
  readonly publicUrl?: string;
  /** Thresholds at which the process answers 503 instead of taking more work. */
  readonly pressure?: { maxEventLoopDelayMs?: number; maxHeapUsedBytes?: number };
  /** Prometheus: request durations and GET /metrics (absent when only the OpenAPI is built). */
  readonly metrics?: HttpMetricsOptions;
}

export const API_VERSION = '0.1.0';

/** Builds the HTTP app from its dependencies; no I/O happens until it listens or is injected. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const requestTimeoutMs = deps.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    childLoggerFactory: (logger, bindings, opts) =>
      lazyChild(logger as unknown as Logger, bindings, opts) as unknown as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    // A client trickling its body in (slowloris) holds a socket and a parser: Node answers 408 and
    // closes the connection once the whole request has taken longer than this. Node looks for such
    // requests every connectionsCheckingInterval (30 s by default, too coarse for the limit to
    // hold), and the headers must arrive within the same limit.
    requestTimeout: requestTimeoutMs,
    http: {
      connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeoutMs / 4)),
      headersTimeout: Math.min(60_000, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
    },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises before any route runs (a malformed URL, a path parameter over the
    // length limit) answer problem+json like every other error.
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, req.id)),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(
      reply,
      problem(404, 'route_not_found', `No route ${req.method} ${req.url.split('?')[0]}`, req.id),
    ),
  );
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // Before swagger's own onRoute hook, so the contract documents the schemas the routes serialize with.
  app.addHook('onRoute', (route) => allowProblemOn503(route.schema?.response));

  // No `upgrade-insecure-requests`: Jalon listens on plain HTTP (loopback, an intranet host, or
  // behind a TLS proxy that sets its own policy); upgrading /docs' scripts to HTTPS on a host that
  // has none leaves a blank page.
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  await app.register(underPressure, {
    maxEventLoopDelay: deps.pressure?.maxEventLoopDelayMs ?? 1000,
    maxHeapUsedBytes: deps.pressure?.maxHeapUsedBytes ?? 0,
    // Rejecting makes under-pressure end the request with this error (handleError answers the
    // problem, Retry-After included) before any route handler runs. A pressure handler that
    // returns lets under-pressure go on: /ready's handler still probed the database and Redis.
    pressureHandler: async (_req, _reply, type, value) => {
      throw new Overloaded(type, value);
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jalon API',
        version: API_VERSION,
        description:
          'Tracks outsourced work in Jira, Trello and Asana against the contract: deliverables, acceptance, payment milestones.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: deps.publicUrl ?? 'http://127.0.0.1:3000' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Jalon API key' } },
      },
    },
    // The contract's shared rules (problem+json, common errors and headers, webhooks): openapi-contract.ts.
    transform: contractTransform,
    transformObject: contractTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformStaticCSP: (csp) => csp.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  await app.register(authPlugin, { authenticate: (token) => deps.services.apiKeys.authenticate(token) });
  if (deps.metrics) await app.register(metricsPlugin, deps.metrics);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { readiness: deps.readiness });
  await app.register(uiRoutes);
  await app.register(apiKeyRoutes, { services: deps.services });
  await app.register(meRoutes);
  await app.register(auditRoutes, { services: deps.services });
  await app.register(connectionRoutes, { services: deps.services });
  await app.register(linkRoutes, { services: deps.services });
  await app.register(syncRoutes, { services: deps.services });
  await app.register(taskRoutes, { services: deps.services });
  await app.register(adminJobRoutes, { services: deps.services });
  await app.register(webhookRoutes, {
    receiver: { receive: (...args) => deps.services.webhooks.receive(...args) },
    publicUrl: deps.publicUrl ?? 'http://127.0.0.1:3000',
  });
  await app.register(providerRoutes, { services: deps.services });
  await app.register(engagementRoutes, { services: deps.services });
  await app.register(deliverableRoutes, { services: deps.services });
  await app.register(milestoneRoutes, { services: deps.services });
  await app.register(changeRequestRoutes, { services: deps.services });
  await app.register(journalRoutes, { services: deps.services });
  await app.register(evaluationRoutes, { services: deps.services });
  await app.register(dashboardRoutes, { services: deps.services });
  await app.register(decisionRoutes, { services: deps.services });
  await app.register(paymentRoutes, { services: deps.services });
  await app.register(subscriptionRoutes, { services: deps.services });
  await app.register(reportRoutes, { services: deps.services });
  return app;
}
