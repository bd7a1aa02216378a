import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor, Role } from '../core/auth.ts';
import { Forbidden, Unauthenticated } from '../core/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** A preHandler letting through the listed roles; `admin` may always pass. */
    requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  }
}

type RoleGuard = preHandlerAsyncHookHandler & { roles: readonly Role[] };

export interface AuthOptions {
  authenticate(token: string): Promise<Actor | null>;
}

/** The caller of a route guarded by requireRole. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Unauthenticated();
  return req.actor;
}

/** RFC 6750 §2.1 credentials; the scheme is case-insensitive (RFC 9110 §11.1). */
const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/i;

export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    app.decorateRequest('actor', null);
    app.decorate('requireRole', (...roles: Role[]) => {
      const allowed = new Set<Role>(['admin', ...roles]);
      const guard = async (req: FastifyRequest) => {
        const header = req.headers.authorization;
        const match = BEARER.exec(header ?? '');
        const actor = match?.[1] ? await opts.authenticate(match[1]) : null;
        if (!actor) {
          throw header === undefined
            ? new Unauthenticated()
            : new Unauthenticated('The API key is not valid (Authorization: Bearer <key>)', {
                invalidCredential: true,
              });
        }
        if (!allowed.has(actor.role)) {
          throw new Forbidden(
            `A ${actor.role} key may not do this; allowed roles: ${[...allowed].join(', ')}`,
          );
        }
        req.actor = actor;
      };
      return Object.assign(guard, { roles: [...allowed] }) as RoleGuard;
    });
    // The guard is declared as a route's preHandler, but it runs as its first onRequest hook:
    // before the body is read, parsed and validated, so a caller without a key (or with a key of
    // a role the route does not admit) costs no body parsing and learns nothing of the schema.
    // Every /v1 route must have one: a route added without it fails at start, not in production.
    app.addHook('onRoute', (route) => {
      const preHandlers = [route.preHandler ?? []].flat() as unknown[];
      const isGuard = (h: unknown): h is RoleGuard => typeof h === 'function' && 'roles' in h;
      const guard = preHandlers.find(isGuard) ?? ([route.onRequest ?? []].flat() as unknown[]).find(isGuard);
      if (guard && preHandlers.includes(guard)) {
        route.preHandler = preHandlers.filter((h) => h !== guard) as typeof route.preHandler & unknown[];
        route.onRequest = [guard, ...[route.onRequest ?? []].flat()] as typeof route.onRequest & unknown[];
      }
      if (!guard && route.url.startsWith('/v1/')) {
        throw new Error(`${route.method} ${route.url} has no requireRole guard: every /v1 route needs one`);
      }
      // Document each guarded route: bearer security and the roles it admits.
      if (!route.schema) return;
      const schema = route.schema as Record<string, unknown>;
      if (!guard) {
        schema.security ??= []; // public (or signature-checked) route: no API key
        return;
      }
      schema.security = [{ bearerAuth: [] }];
      const roles = `Roles: ${guard.roles.join(', ')}.`;
      // The automatic HEAD route shares the GET route's schema object: describe it once.
      const described = typeof schema.description === 'string' ? schema.description : '';
      if (described.includes(roles)) return;
      schema.description = described ? `${described}\n\n${roles}` : roles;
    });
  },
  { name: 'jalon-auth' },
);
