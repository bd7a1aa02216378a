import type { AuditRecord, Store } from '../core/ports.ts';

export interface AuditService {
  list(filter: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    afterSeq?: number | undefined;
    limit: number;
  }): Promise<AuditRecord[]>;
  verify(): Promise<{ valid: boolean; checked: number; firstBrokenId?: string }>;
}

export function createAuditService(deps: { store: Pick<Store, 'audit'> }): AuditService {
  return {
    list: (filter) =>
      deps.store.audit.list({
        limit: filter.limit,
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
        ...(filter.afterSeq !== undefined ? { afterSeq: filter.afterSeq } : {}),
      }),
    verify: () => deps.store.audit.verify(),
  };
}
