import { z } from 'zod';

/** API.md: Asana connections carry a personal access token or an OAuth access token. */
export const AsanaCredentials = z.object({ accessToken: z.string().min(1) });
export type AsanaCredentials = z.infer<typeof AsanaCredentials>;

/** Section names or gids, compared case-insensitively to names and exactly to gids. */
const SectionMatch = z.array(z.string().min(1));

/**
 * Per-connection overrides. Every field has a default, so `{}` is a working configuration:
 * sections named like Asana's board templates, a `blocked` tag, and `jalon-accepted` /
 * `jalon-rejected` tags as the visible decision marker.
 */
export const AsanaSettings = z
  .object({
    /** Which board column means what; a task in several projects takes the most advanced one. */
    sections: z
      .object({
        done: SectionMatch.default(['Done', 'Complete', 'Completed']),
        inProgress: SectionMatch.default(['In Progress', 'Doing', 'In Review', 'Review']),
        /** Closed without being done (Asana has no native "won't do"). */
        cancelled: SectionMatch.default(['Cancelled', 'Canceled', "Won't Do"]),
      })
      .prefault({}),
    blocked: z
      .object({
        /** An enum or multi-enum custom field whose option names in `values` mean blocked. */
        customFieldGid: z.string().min(1).nullable().default(null),
        values: z.array(z.string().min(1)).default(['Blocked']),
        /** Tag names that mean blocked. */
        tags: z.array(z.string().min(1)).default(['blocked']),
      })
      .prefault({}),
    /** A number custom field holding the estimate (story points, hours…); none by default. */
    estimateCustomFieldGid: z.string().min(1).nullable().default(null),
    decision: z
      .object({
        acceptTag: z.string().min(1).default('jalon-accepted'),
        rejectTag: z.string().min(1).default('jalon-rejected'),
        /** When set, an enum custom field is set instead of a tag (option names or gids). */
        customField: z
          .object({
            gid: z.string().min(1),
            accept: z.string().min(1).default('Accepted'),
            reject: z.string().min(1).default('Rejected'),
          })
          .nullable()
          .default(null),
      })
      .prefault({}),
  })
  .prefault({});
export type AsanaSettings = z.infer<typeof AsanaSettings>;

/** The defaults, for tests and for callers that build an adapter without stored settings. */
export const defaultAsanaSettings: AsanaSettings = AsanaSettings.parse({});
