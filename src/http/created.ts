import type { FastifyReply } from 'fastify';

/**
 * Answers 201 with `Location`: the created resource's URL, relative to the API's root (or, for a
 * resource without a URL of its own, the list that shows it). Every 201 goes through here; the
 * OpenAPI document declares the header on every 201 (openapi-contract.ts).
 */
export function sendCreated<T>(reply: FastifyReply, location: string, body: T): FastifyReply {
  return reply.code(201).header('location', location).send(body);
}
