import type { TrackerModule } from '../../src/core/tracker.ts';
import { createTrelloAdapter } from './trello.adapter.ts';
import { TrelloCredentials, TrelloSettings } from './trello.settings.ts';

export { createTrelloAdapter } from './trello.adapter.ts';
export { TrelloCredentials, TrelloSettings } from './trello.settings.ts';

/** Trello for the composition root: credentials `{ apiKey, apiToken, appSecret }`, board links. */
export const trelloTracker: TrackerModule<TrelloCredentials, TrelloSettings> = {
  tracker: 'trello',
  credentials: TrelloCredentials,
  settings: TrelloSettings,
  create: (ctx) => createTrelloAdapter(ctx),
};
