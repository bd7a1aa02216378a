import type { ApiKeyService } from './api-keys.service.ts';
import type { AuditService } from './audit.service.ts';
import type { ConnectionService } from './connections.service.ts';

/** The use cases the HTTP layer and the workers call; assembled in container.ts. */
export interface Services {
  readonly apiKeys: ApiKeyService;
  readonly audit: AuditService;
  readonly connections: ConnectionService;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'down'>>;
}
