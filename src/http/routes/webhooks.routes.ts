import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JalonError, Unavailable } from '../../core/errors.ts';
import type { Tracker } from '../../core/task.ts';
import type { RawWebhook } from '../../core/tracker.ts';
import type { WebhookReceiver } from '../../services/webhook-receiver.ts';
import { handleError, problem, sendProblem } from '../problem.ts';
import { Id, problems } from '../schemas.ts';

// An id-shaped connection id: anything else (a NUL byte…) would reach the database as a query error.
const Params = z.object({ connectionId: Id });
const Ack = z
  .object({ received: z.literal(true), duplicate: z.boolean() })
  .meta({ id: 'WebhookAck', example: { received: true, duplicate: false } });
const ACK_NEW = JSON.stringify(Ack.parse({ received: true, duplicate: false }));
const ACK_DUPLICATE = JSON.stringify(Ack.parse({ received: true, duplicate: true }));

/**
 * The receivers. Raw bytes are kept only here (signatures are computed over them). A delivery is
 * acknowledged only once it is stored in the inbox; if the database is down the answer is 503 so
 * the tracker retries.
 */
export const webhookRoutes: FastifyPluginAsync<{ receiver: WebhookReceiver; publicUrl: string }> = async (
  root,
  { receiver, publicUrl },
) => {
  // A receiver authenticates by signature, which needs the connection: a request whose URL does
  // not even name one gets the same 401 as a bad signature, never the schema's detail.
  root.setErrorHandler((err, req, reply) =>
    hasZodFastifySchemaValidationErrors(err)
      ? sendProblem(reply, problem(401, 'invalid_signature', 'Unknown connection or bad signature', req.id))
      : handleError(err, req, reply),
  );
  root.removeAllContentTypeParsers();
  root.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const app = root.withTypeProvider<ZodTypeProvider>();

  const handle = (tracker: Tracker) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { connectionId } = req.params as { connectionId: string };
    const raw: RawWebhook = {
      method: req.method === 'HEAD' ? 'HEAD' : 'POST',
      headers: req.headers as Record<string, string | undefined>,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      callbackUrl: `${publicUrl}/webhooks/${tracker}/${connectionId}`,
      receivedAt: new Date(),
    };
    let outcome: Awaited<ReturnType<WebhookReceiver['receive']>>;
    try {
      outcome = await receiver.receive(tracker, connectionId, raw);
    } catch (err) {
      if (err instanceof JalonError) throw err;
      // Whatever failed (most likely the database), the delivery is not stored: make the tracker retry.
      req.log.error({ err: { message: (err as Error).message } }, 'webhook not stored');
      throw new Unavailable('Recording the delivery');
    }
    switch (outcome.kind) {
      case 'stored':
        // Written once, sent as is (Fastify does not serialise a string whose content type is set):
        // the zod serializer's check and stringify per acknowledgement cost more than the text.
        return reply
          .code(200)
          .type('application/json; charset=utf-8')
          .send(outcome.duplicate ? ACK_DUPLICATE : ACK_NEW);
      case 'handshake':
        return reply.code(200).headers(outcome.headers).send();
      case 'probe':
        return reply.code(200).send();
      case 'unknown_connection':
        // Trello deletes a webhook whose callback answers 410; others get the same 401 as a bad signature.
        return tracker === 'trello'
          ? sendProblem(reply, problem(410, 'connection_gone', 'This connection no longer exists', req.id))
          : sendProblem(
              reply,
              problem(401, 'invalid_signature', 'Unknown connection or bad signature', req.id),
            );
      case 'rejected':
        return sendProblem(
          reply,
          problem(401, 'invalid_signature', 'Unknown connection or bad signature', req.id),
        );
    }
  };

  const schema = (tracker: Tracker, method: string) => ({
    operationId: `receive${tracker[0]?.toUpperCase()}${tracker.slice(1)}Webhook${method === 'HEAD' ? 'Check' : ''}`,
    tags: ['webhooks'],
    summary:
      method === 'HEAD'
        ? 'Trello’s registration check'
        : `Receiver for ${tracker} webhooks (signature-checked)`,
    params: Params,
    response: { 200: method === 'HEAD' ? z.null() : Ack.or(z.null()), ...problems(410, 413, 503) },
  });

  // Trackers' servers call these, never a browser: helmet's headers (CSP, frame and MIME-sniffing
  // rules) protect nothing here and cost ~4 % of a receiver request's CPU (bench/ profile).
  // Logged from warn up: an access log line per delivery would repeat what the inbox records (every
  // delivery, with its time) and the webhook counters by result count; failures are still logged.
  const route = { helmet: false, logLevel: 'warn' } as const;
  for (const tracker of ['jira', 'trello', 'asana'] as const) {
    app.post(
      `/webhooks/${tracker}/:connectionId`,
      { schema: schema(tracker, 'POST'), ...route },
      handle(tracker),
    );
  }
  app.head(
    '/webhooks/trello/:connectionId',
    { schema: schema('trello', 'HEAD'), ...route },
    async (req, reply) => {
      const outcome = await handle('trello')(req, reply);
      return outcome;
    },
  );
};
