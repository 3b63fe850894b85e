/**
 * What `postmortem site build` tells the Astro build, through environment
 * variables (Astro loads `site/` in the same process; the loader reads these).
 */
export interface SiteEnv {
  /** The workspace database (read only). */
  db: string;
  /** Include draft and in-review incidents, not only published ones. */
  drafts: boolean;
  /** The site cache (`.postmortem/site-cache`): HTML by content hash in `html/`, incident page details in `detail/`. */
  cacheDir: string;
  /** "Today" for overdue items, YYYY-MM-DD. */
  today: string;
  /** Template name or absolute path, as `render --template`. */
  template: string;
  /** A workspace `templates/` folder searched before the built-in templates. */
  templatesDir: string | null;
  /** Set by `site build` only: how incident pages are carried over from the previous output (`pagePlan.ts`). */
  pages?: SitePagesEnv | null;
}

export interface SitePagesEnv {
  /** The previous output, moved aside, whose unchanged incident pages are carried over; null when there is none. */
  previousDir: string | null;
  /** Where the loader writes the plan (`PagePlan`) that the pages and the build read. */
  planFile: string;
  /** What every page is made from besides the data: the site's code and base path. */
  salt: string;
}

const KEYS = {
  db: 'POSTMORTEM_SITE_DB',
  drafts: 'POSTMORTEM_SITE_DRAFTS',
  cacheDir: 'POSTMORTEM_SITE_CACHE',
  today: 'POSTMORTEM_SITE_TODAY',
  template: 'POSTMORTEM_SITE_TEMPLATE',
  templatesDir: 'POSTMORTEM_SITE_TEMPLATES_DIR',
  previousDir: 'POSTMORTEM_SITE_PREVIOUS',
  planFile: 'POSTMORTEM_SITE_PLAN',
  salt: 'POSTMORTEM_SITE_PAGE_SALT',
} as const;

/** The variables for `env`. */
export function siteEnvVariables(env: SiteEnv): Record<string, string> {
  return {
    [KEYS.db]: env.db,
    [KEYS.drafts]: env.drafts ? '1' : '0',
    [KEYS.cacheDir]: env.cacheDir,
    [KEYS.today]: env.today,
    [KEYS.template]: env.template,
    [KEYS.templatesDir]: env.templatesDir ?? '',
    [KEYS.previousDir]: env.pages?.previousDir ?? '',
    [KEYS.planFile]: env.pages?.planFile ?? '',
    [KEYS.salt]: env.pages?.salt ?? '',
  };
}

/** Reads the variables back; throws when the database is not named (the site was built without `postmortem site build`). */
export function readSiteEnv(env: NodeJS.ProcessEnv): SiteEnv {
  const db = env[KEYS.db];
  const cacheDir = env[KEYS.cacheDir];
  if (!db || !cacheDir) {
    throw new Error(
      `${KEYS.db} is not set: build the site with \`postmortem site build\` (or \`postmortem site dev\`), which points it at the workspace database.`,
    );
  }
  const [previousDir, planFile, salt] = [env[KEYS.previousDir], env[KEYS.planFile], env[KEYS.salt]];
  const now = env.POSTMORTEM_NOW ? new Date(env.POSTMORTEM_NOW) : new Date();
  return {
    db,
    drafts: env[KEYS.drafts] === '1',
    cacheDir,
    today: env[KEYS.today] || now.toISOString().slice(0, 10),
    template: env[KEYS.template] || 'default',
    templatesDir: env[KEYS.templatesDir] || null,
    pages: planFile && salt ? { previousDir: previousDir || null, planFile, salt } : null,
  };
}
