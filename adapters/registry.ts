import type { Tracker } from '../src/core/task.ts';
import type { TrackerModule } from '../src/core/tracker.ts';
import { asanaTracker } from './asana/index.ts';
import { jiraTracker } from './jira/index.ts';
import { trelloTracker } from './trello/index.ts';

/** Every tracker Jalon speaks, by name; only the composition root imports this. */
export const trackers: Readonly<Record<Tracker, TrackerModule>> = {
  jira: jiraTracker as TrackerModule,
  trello: trelloTracker as TrackerModule,
  asana: asanaTracker as TrackerModule,
};
