import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

/**
 * The yardstick: a bare Fastify route on the receiver's path that only parses the JSON body (with
 * Fastify's default parser) and answers like the receiver does. No plugins, no logger.
 */
export async function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
  app.post('/webhooks/jira/:connectionId', async (req) => ({
    received: typeof req.body === 'object' && req.body !== null,
    duplicate: false,
  }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/jira/bare`, close: () => app.close() };
}
