import type { TrackerModule } from '../../src/core/tracker.ts';
import { createAsanaAdapter } from './asana.adapter.ts';
import { createAsanaClient } from './asana.client.ts';
import { AsanaCredentials, AsanaSettings } from './asana.settings.ts';

export { ASANA_WEBHOOK_FILTERS, createAsanaAdapter } from './asana.adapter.ts';
export {
  ASANA_DEFAULT_BASE_URL,
  ASANA_RATE_LIMITS,
  type AsanaClient,
  createAsanaClient,
} from './asana.client.ts';
export { AsanaMisconfigured, AsanaRequestRejected, AsanaSyncExpired } from './asana.errors.ts';
export { AsanaCredentials, AsanaSettings, defaultAsanaSettings } from './asana.settings.ts';

/** Asana as the composition root sees it: one SDK client per connection. */
export const asanaTracker: TrackerModule<AsanaCredentials, AsanaSettings> = {
  tracker: 'asana',
  credentials: AsanaCredentials,
  settings: AsanaSettings,
  create: (ctx) => createAsanaAdapter(ctx, createAsanaClient(ctx.baseUrl, ctx.credentials.accessToken)),
};
