import type { Repos, Store } from '../core/ports.ts';
import { createApiKeyRepo } from './api-keys.repo.ts';
import { createAuditRepo } from './audit.repo.ts';
import { createConnectionRepo } from './connections.repo.ts';
import type { Database, Db } from './db.ts';
import { createInboxRepo } from './inbox.repo.ts';
import { createTaskRepo } from './tasks.repo.ts';

export type { Repos, Store };

export function bindRepos(db: Db): Repos {
  return {
    apiKeys: createApiKeyRepo(db),
    audit: createAuditRepo(db),
    connections: createConnectionRepo(db),
    inbox: createInboxRepo(db),
    tasks: createTaskRepo(db),
  };
}

export function createStore(database: Database): Store {
  return {
    ...bindRepos(database.db),
    transaction: (fn) => database.db.transaction((tx) => fn(bindRepos(tx as unknown as Db))),
  };
}
