import type { Repos, Store } from '../core/ports.ts';
import { createApiKeyRepo } from './api-keys.repo.ts';
import { createAuditRepo } from './audit.repo.ts';
import type { Database, Db } from './db.ts';

export type { Repos, Store };

export function bindRepos(db: Db): Repos {
  return {
    apiKeys: createApiKeyRepo(db),
    audit: createAuditRepo(db),
  };
}

export function createStore(database: Database): Store {
  return {
    ...bindRepos(database.db),
    transaction: (fn) => database.db.transaction((tx) => fn(bindRepos(tx as unknown as Db))),
  };
}
