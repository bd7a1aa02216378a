import { z } from 'zod';
import { StatusCategory } from '../../src/core/task.ts';

/**
 * Connection credentials, as API.md lists them for Jira. An API token authenticates as the Atlassian
 * account that owns it (https://id.atlassian.com/manage-profile/security/api-tokens); OAuth 2.0 (3LO)
 * goes through the gateway `https://api.atlassian.com/ex/jira/{cloudId}`
 * (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/).
 */
export const JiraApiTokenCredentials = z.object({
  email: z.email(),
  apiToken: z.string().min(1),
});

export const JiraOAuthCredentials = z.object({
  oauth: z.object({
    clientId: z.string().min(1),
    /** Also the key that signs the JWT on dynamic-webhook deliveries. */
    clientSecret: z.string().min(1),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    cloudId: z.string().min(1),
  }),
});

export const JiraCredentials = z.union([JiraApiTokenCredentials, JiraOAuthCredentials]);
export type JiraCredentials = z.infer<typeof JiraCredentials>;
export type JiraOAuth = z.infer<typeof JiraOAuthCredentials>['oauth'];

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A workflow transition to run on push-back, chosen by its target status category or by name. */
const TransitionTarget = z
  .object({ statusCategory: StatusCategory.optional(), name: z.string().min(1).optional() })
  .refine((t) => t.statusCategory !== undefined || t.name !== undefined, {
    message: 'name a statusCategory or a transition name',
  });
export type TransitionTarget = z.infer<typeof TransitionTarget>;

/** A custom field set on push-back: a text field, or a select list (`{ value }` in Jira's API). */
const DecisionField = z.object({
  id: z.string().regex(/^customfield_\d+$/),
  kind: z.enum(['text', 'option']).default('text'),
  accepted: z.string().min(1).default('Accepted'),
  rejected: z.string().min(1).default('Rejected'),
});

/** Resolutions that close an issue without the work being done (Jira Cloud's defaults). */
export const DEFAULT_CANCELLED_RESOLUTIONS = [
  "Won't Do",
  'Duplicate',
  'Cannot Reproduce',
  'Declined',
] as const;

/** Per-connection overrides. Every field is optional; `JiraSettings.parse({})` works on any site. */
export const JiraSettings = z.object({
  /** Browse-link root for OAuth connections; else read once from `serverInfo.baseUrl`. */
  siteUrl: z.url().optional(),
  /** Story-points field id; else discovered once per site from the fields API. */
  storyPointsField: z.string().min(1).optional(),
  /** The "Flagged" field id; else discovered once per site from the fields API. */
  flaggedField: z.string().min(1).optional(),
  blockedStatuses: z.array(z.string().min(1)).default([]),
  blockedLabels: z.array(z.string().min(1)).default([]),
  cancelledResolutions: z.array(z.string().min(1)).default([...DEFAULT_CANCELLED_RESOLUTIONS]),
  /** Status name → category, for statuses whose payload lacks `statusCategory` (trimmed payloads). */
  statusCategories: z.record(z.string(), StatusCategory).default({}),
  /** Jira labels cannot contain spaces (https://support.atlassian.com/jira-software-cloud/docs/add-labels-to-issues/). */
  acceptedLabel: z.string().regex(/^\S+$/).default('jalon-accepted'),
  rejectedLabel: z.string().regex(/^\S+$/).default('jalon-rejected'),
  acceptTransition: TransitionTarget.optional(),
  rejectTransition: TransitionTarget.optional(),
  decisionField: DecisionField.optional(),
  /** IANA zone JQL dates are written in; else the integration user's profile zone. */
  jqlTimeZone: z.string().refine(isTimeZone, { message: 'not an IANA time zone' }).optional(),
  pageSize: z.number().int().min(1).max(5000).default(100),
});
export type JiraSettings = z.infer<typeof JiraSettings>;

export const isOAuth = (c: JiraCredentials): c is z.infer<typeof JiraOAuthCredentials> => 'oauth' in c;
