import { ConfigError, loadConfig } from './config.ts';
import { createContainer, StartupError } from './container.ts';
import type { Workers } from './jobs/workers.ts';
import { listenHelp } from './listen-help.ts';
import { createLogger } from './logger.ts';

/**
 * The one entry point. JALON_ROLE chooses what runs: `api` (HTTP and webhook receivers),
 * `worker` (BullMQ workers) or `all`. SIGTERM/SIGINT stop taking work, let in-flight requests
 * and jobs finish, then exit 0.
 */
/** Every API key is made with an admin key, and the first admin key can only come from the environment. */
const firstKeyHint =
  'No JALON_BOOTSTRAP_ADMIN_KEY: to create API keys, restart with one (export JALON_BOOTSTRAP_ADMIN_KEY=$(openssl rand -hex 24)), then POST /v1/api-keys with it (docs/GETTING-STARTED.md)';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  for (const w of config.warnings) logger.warn(w);

  let container: Awaited<ReturnType<typeof createContainer>>;
  try {
    container = await createContainer(config, logger);
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(69);
    }
    throw err;
  }

  const runsApi = config.role !== 'worker';
  const runsWorkers = config.role !== 'api';
  // A worker-only process answers /health, /ready and /metrics on JALON_METRICS_PORT.
  const app = runsApi ? await container.buildHttp() : await container.buildOps();
  const port = runsApi ? config.port : config.metricsPort;
  let address: string;
  try {
    address = await app.listen({ port, host: config.host });
  } catch (err) {
    process.stderr.write(`${listenHelp(err, config.host, port, runsApi ? 'PORT' : 'JALON_METRICS_PORT')}\n`);
    await container.close();
    process.exit(69);
  }
  // Jobs are taken only once the process is reachable: a port clash stops it before any job starts.
  const workers: Workers | null = runsWorkers ? container.startWorkers() : null;
  logger.info(
    {
      role: config.role,
      database: container.database.kind,
      url: runsApi ? config.publicUrl : `${address}/metrics`,
      ...(runsApi ? { dashboard: `${config.publicUrl}/app`, docs: `${config.publicUrl}/docs` } : {}),
    },
    'jalon started',
  );
  if (runsApi && !config.bootstrapAdminKey) logger.info(firstKeyHint);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
      await workers?.close();
      await container.close();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
