import type { Role } from './auth.ts';

/** Ports the core and services call; `store/` and `adapters/` implement them. */

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly providerId: string | null;
  readonly secretHash: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface ApiKeyStore {
  insert(
    record: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'> & { createdBy: string },
  ): Promise<ApiKeyRecord>;
  findById(id: string): Promise<ApiKeyRecord | null>;
}
