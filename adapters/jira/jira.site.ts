import type { CloudClient } from 'jira.js';
import { JiraPayloadInvalid, jiraCall } from './jira.errors.ts';
import type { SiteFacts } from './jira.mapper.ts';
import type { JiraSettings } from './jira.settings.ts';

/**
 * Per-site facts the mapper needs and payloads do not carry: which custom fields hold story points
 * and the Flagged marker (their ids differ per site), and the browse-link root for OAuth connections.
 * Discovered once per site and cached; settings override what discovery finds.
 */

interface DiscoveredFields {
  readonly storyPointsFields: readonly string[];
  readonly flaggedField: string | null;
}

/** What was learnt from a site; a part is absent until some connection needed to ask for it. */
export interface DiscoveredFacts {
  readonly fields?: DiscoveredFields;
  readonly browseRoot?: string;
}

/** Shared by every adapter of the process: the key is the site's REST root. */
export type SiteCache = Map<string, DiscoveredFacts>;
export const processSiteCache: SiteCache = new Map();

/**
 * Jira Software's estimate field is "Story point estimate" on team-managed projects and newer sites,
 * "Story Points" on older company-managed ones; a site may have both:
 * https://support.atlassian.com/jira-software-cloud/docs/configure-estimation-and-tracking/
 * The cache lives as long as the process: a field created later needs a restart or the setting.
 */
const STORY_POINT_NAMES = ['story point estimate', 'story points'];
/** Jira Software's flag: https://support.atlassian.com/jira-software-cloud/docs/flag-an-issue/ */
const FLAGGED_NAME = 'flagged';

export interface SiteResolver {
  /** The facts when already known (configured or discovered earlier), else null. */
  known(): SiteFacts | null;
  /** The facts, asking Jira once for what is neither configured nor cached. */
  resolve(): Promise<SiteFacts>;
}

export interface SiteDeps {
  readonly api: CloudClient;
  readonly siteKey: string;
  readonly staticBrowseRoot: string | null;
  readonly settings: JiraSettings;
  readonly cache: SiteCache;
}

async function discoverFields(api: CloudClient): Promise<DiscoveredFields> {
  const fields = await jiraCall('fields', () => api.issueFields.getFields());
  const named = (names: readonly string[]) =>
    fields.filter((f) => f.id && f.name && names.includes(f.name.toLowerCase())).map((f) => f.id as string);
  return { storyPointsFields: named(STORY_POINT_NAMES), flaggedField: named([FLAGGED_NAME])[0] ?? null };
}

async function discoverBrowseRoot(api: CloudClient): Promise<string> {
  const info = await jiraCall('serverInfo', () => api.serverInfo.getServerInfo());
  if (!info.baseUrl) throw new JiraPayloadInvalid('serverInfo has no baseUrl; set the siteUrl setting');
  return info.baseUrl.replace(/\/+$/, '');
}

export function createSiteResolver(deps: SiteDeps): SiteResolver {
  const { settings, staticBrowseRoot } = deps;
  const needsFields = settings.storyPointsField === undefined || settings.flaggedField === undefined;
  let inflight: Promise<SiteFacts> | null = null;

  const combine = (found: DiscoveredFacts | undefined): SiteFacts | null => {
    const browseRoot = staticBrowseRoot ?? found?.browseRoot ?? null;
    if (browseRoot === null || (needsFields && found?.fields === undefined)) return null;
    return {
      browseRoot,
      storyPointsFields: settings.storyPointsField
        ? [settings.storyPointsField]
        : (found?.fields?.storyPointsFields ?? []),
      flaggedField: settings.flaggedField ?? found?.fields?.flaggedField ?? null,
    };
  };
  const known = () => combine(deps.cache.get(deps.siteKey));

  const discover = async (): Promise<SiteFacts> => {
    const cached = deps.cache.get(deps.siteKey);
    const [fields, browseRoot] = await Promise.all([
      needsFields && !cached?.fields ? discoverFields(deps.api) : cached?.fields,
      staticBrowseRoot === null && !cached?.browseRoot ? discoverBrowseRoot(deps.api) : cached?.browseRoot,
    ]);
    deps.cache.set(deps.siteKey, { ...(fields ? { fields } : {}), ...(browseRoot ? { browseRoot } : {}) });
    const facts = known();
    if (!facts) throw new JiraPayloadInvalid('site facts could not be discovered');
    return facts;
  };

  return {
    known,
    async resolve() {
      const ready = known();
      if (ready) return ready;
      inflight ??= discover().finally(() => {
        inflight = null;
      });
      return inflight;
    },
  };
}
