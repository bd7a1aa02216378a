import type { ApiKeyStore } from '../core/ports.ts';
import { createApiKeyRepo } from './api-keys.repo.ts';
import type { Database, Db } from './db.ts';

/**
 * Every repository, bound to one connection or to one transaction. Services that must change
 * several aggregates atomically (a write and its audit row, a decision and its outbox event) call
 * `transaction` and use the repositories it hands them.
 */
export interface Repos {
  readonly apiKeys: ApiKeyStore;
}

export interface Store extends Repos {
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
}

export function bindRepos(db: Db): Repos {
  return {
    apiKeys: createApiKeyRepo(db),
  };
}

export function createStore(database: Database): Store {
  return {
    ...bindRepos(database.db),
    transaction: (fn) => database.db.transaction((tx) => fn(bindRepos(tx as unknown as Db))),
  };
}
