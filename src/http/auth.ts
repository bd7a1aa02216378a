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

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    app.decorateRequest('actor', null);
    app.decorate('requireRole', (...roles: Role[]) => {
      const allowed = new Set<Role>(['admin', ...roles]);
      const guard = async (req: FastifyRequest) => {
        const match = BEARER.exec(req.headers.authorization ?? '');
        const actor = match?.[1] ? await opts.authenticate(match[1]) : null;
        if (!actor) throw new Unauthenticated();
        if (!allowed.has(actor.role)) {
          throw new Forbidden(
            `A ${actor.role} key may not do this; allowed roles: ${[...allowed].join(', ')}`,
          );
        }
        req.actor = actor;
      };
      return Object.assign(guard, { roles: [...allowed] }) as RoleGuard;
    });
    // Document each guarded route: bearer security and the roles it admits.
    app.addHook('onRoute', (route) => {
      const handlers = [route.preHandler ?? []].flat() as unknown[];
      const guard = handlers.find((h): h is RoleGuard => typeof h === 'function' && 'roles' in h);
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
