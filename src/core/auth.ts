import { z } from 'zod';

export const Role = z.enum(['admin', 'pmo', 'finance', 'provider']);
export type Role = z.infer<typeof Role>;

/** Who is calling: resolved from the API key on every request, recorded as the actor in audit rows. */
export interface Actor {
  readonly keyId: string;
  readonly role: Role;
  /** Set only for `provider` keys: the one provider whose objects they may see. */
  readonly providerId: string | null;
}

/** The actor Jalon itself uses for writes made by workers and schedules. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ keyId: 'system', role: 'admin', providerId: null });

/** A provider key sees only its provider's objects; everyone else sees all. */
export function canSeeProvider(actor: Actor, providerId: string): boolean {
  return actor.role !== 'provider' || actor.providerId === providerId;
}
