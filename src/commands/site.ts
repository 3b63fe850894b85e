import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import type { SiteBuildOptions } from '../site/buildSite.js';
import type { Workspace } from '../workspace.js';

interface SiteBuildCliOptions {
  out?: string;
  base?: string;
  drafts?: boolean;
  json?: boolean;
}

interface SiteDevCliOptions {
  base?: string;
  drafts?: boolean;
  port?: number;
  host?: string;
}

/** `postmortem site build`: the static knowledge base, with its search index. */
export async function runSiteBuild(ctx: Context, globals: GlobalOptions, options: SiteBuildCliOptions): Promise<void> {
  const settings = siteSettings(ctx, globals, options);
  const { buildSite } = await import('../site/buildSite.js');
  const result = await buildSite({ ...settings, outDir: path.resolve(ctx.cwd, options.out ?? settings.outDir) });
  if (options.json) {
    ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const shown = path.relative(ctx.cwd, result.outDir) || '.';
  ctx.stdout(
    `Built ${result.pages} pages (${result.incidents} incident${result.incidents === 1 ? '' : 's'}${options.drafts ? ', drafts included' : ''}) in ${result.seconds.total.toFixed(1)} s: ${shown}/\n` +
      `Search index: ${result.search.pages} pages and ${result.search.records} lessons and action items.\n` +
      `Open ${path.join(shown, 'index.html')} through a web server, e.g. \`python3 -m http.server -d ${shown}\`, or preview with \`postmortem site dev\`.\n`,
  );
}

/** `postmortem site dev`: Astro's dev server over the workspace database, until interrupted. */
export async function runSiteDev(ctx: Context, globals: GlobalOptions, options: SiteDevCliOptions): Promise<void> {
  const settings = siteSettings(ctx, globals, options);
  const [{ dev }, { siteRoot }, { siteEnvVariables }] = await Promise.all([import('astro'), import('../site/buildSite.js'), import('../site/siteEnv.js')]);
  Object.assign(process.env, siteEnvVariables(settings), { ASTRO_TELEMETRY_DISABLED: '1' });
  const server = await dev({
    root: siteRoot(),
    base: settings.base,
    cacheDir: settings.astroCacheDir,
    logLevel: 'info',
    server: { port: options.port ?? 4321, host: options.host ?? '127.0.0.1' },
  });
  ctx.stdout(`Previewing the knowledge base (search works only in a built site). Stop with Ctrl-C.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function siteSettings(
  ctx: Context,
  globals: GlobalOptions,
  options: { base?: string; drafts?: boolean },
): Omit<SiteBuildOptions, 'outDir'> & { outDir: string } {
  const { workspace, db } = openSession(ctx, globals);
  db.close();
  const cache = path.join(cacheRoot(workspace), 'site-cache');
  return {
    db: workspace.databasePath,
    drafts: Boolean(options.drafts),
    cacheDir: cache,
    today: ctx.now().toISOString().slice(0, 10),
    template: templateOf(workspace),
    templatesDir: path.join(workspace.root, 'templates'),
    outDir: path.join(cacheRoot(workspace), 'site'),
    base: normaliseBase(options.base ?? '/'),
    astroCacheDir: path.join(cache, 'astro'),
  };
}

/** The workspace's `.postmortem/` (beside the database when --db points elsewhere). */
function cacheRoot(workspace: Workspace): string {
  return workspace.initialised ? path.join(workspace.root, '.postmortem') : path.dirname(workspace.databasePath);
}

function templateOf(workspace: Workspace): string {
  const template = workspace.config.template;
  return template.includes('/') || template.endsWith('.hbs') ? path.resolve(workspace.root, template) : template;
}

function normaliseBase(base: string): string {
  if (!/^\/?[A-Za-z0-9._~\-/]*$/.test(base)) {
    throw new UserError('invalid-base', `--base ${JSON.stringify(base)} is not a URL path.`, {
      exitCode: EXIT.usage,
      hint: 'Give the path the site is served under, such as /postmortems/. Nothing was written.',
    });
  }
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
