import fs from 'node:fs';
import path from 'node:path';
import { type Context, type GlobalOptions, readStdin } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import type { Db } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { getIncident } from '../incidents/store.js';
import { formatFindings, type LintFinding, type LintOptions, lintIncident, lintMarkdown } from '../lint/lint.js';
import { withDerivedFacts } from '../record/derive.js';
import { resolveWorkspace } from '../workspace.js';

interface LintCommandOptions {
  strict?: boolean;
  json?: boolean;
  template?: string;
}

/** What was linted and what was found. */
interface LintResult {
  target: string;
  kind: 'file' | 'incident';
  findings: LintFinding[];
}

const MARKDOWN = /\.(md|markdown|mdx|txt)$/i;

/**
 * `postmortem lint FILE|DIR|ID... [--strict]`: an existing file (or `-`,
 * stdin) is linted as Markdown, a folder as its Markdown files, anything else
 * as an incident id. Prints the findings; with --strict any finding exits 7.
 */
export async function runLint(ctx: Context, globals: GlobalOptions, targets: string[], options: LintCommandOptions): Promise<void> {
  const workspace = resolveWorkspace({ cwd: ctx.cwd, env: ctx.env, dbOption: globals.db });
  const template = options.template ?? workspace.config.template;
  const isPath = template.includes('/') || template.endsWith('.hbs');
  const lintOptions: LintOptions = {
    template: isPath ? path.resolve(ctx.cwd, template) : template,
    templatesDirs: [path.join(workspace.root, 'templates')],
    ...(workspace.config.lint?.required_sections ? { requiredSections: workspace.config.lint.required_sections } : {}),
  };
  if (targets.length === 0 && ctx.stdin.isTTY) {
    throw new UserError('missing-target', 'Say what to lint: a Markdown file, a folder, an incident id, or - for stdin.', {
      exitCode: EXIT.usage,
      hint: 'For example: postmortem lint postmortems/ --strict, or postmortem lint 2026-01-05-login-outage.',
    });
  }
  const list = targets.length > 0 ? targets : ['-'];
  const results: LintResult[] = [];
  let db: Db | null = null;
  try {
    for (const target of list) {
      if (target === '-') {
        const text = await readStdin(ctx);
        results.push({ target: '<stdin>', kind: 'file', findings: lintMarkdown(text, { ...lintOptions, fileName: 'stdin.md' }) });
        continue;
      }
      const file = path.resolve(ctx.cwd, target);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        const files = markdownFiles(file);
        if (files.length === 0)
          throw new UserError('not-found', `The folder ${target} holds no Markdown files.`, {
            exitCode: EXIT.notFound,
            hint: 'Lint .md files, or an incident id.',
          });
        for (const each of files) results.push(lintFile(ctx, each, lintOptions));
        continue;
      }
      if (stat?.isFile()) {
        results.push(lintFile(ctx, file, lintOptions));
        continue;
      }
      if (/[\\/]/.test(target) || MARKDOWN.test(target)) {
        throw new UserError('not-found', `The file ${target} does not exist.`, { exitCode: EXIT.notFound, hint: 'Check the path; nothing was linted.' });
      }
      db ??= openSession(ctx, globals).db;
      const incident = withDerivedFacts(getIncident(db, target));
      results.push({ target, kind: 'incident', findings: lintIncident(incident, { ...lintOptions, now: ctx.now(), zone: workspace.config.timezone }) });
    }
  } finally {
    db?.close();
  }

  if (options.json) ctx.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else ctx.stdout(results.map((result) => formatFindings(result.findings, result.target)).join(''));

  const all = results.flatMap((result) => result.findings);
  if (options.strict && all.length > 0) {
    const errors = all.filter((finding) => finding.severity === 'error').length;
    const failed = results.filter((result) => result.findings.length > 0).length;
    throw new UserError(
      'lint-findings',
      `lint found ${plural(errors, 'error')} and ${plural(all.length - errors, 'warning')}${results.length > 1 ? ` in ${failed} of ${results.length} postmortems` : ''} (--strict).`,
      {
        exitCode: EXIT.warnings,
        hint: 'Fix the findings listed above (docs/templates-and-lint.md describes each rule); without --strict, lint only reports them. Nothing was changed.',
      },
    );
  }
}

function lintFile(ctx: Pick<Context, 'cwd'>, file: string, options: LintOptions): LintResult {
  const target = path.relative(ctx.cwd, file) || file;
  return { target, kind: 'file', findings: lintMarkdown(fs.readFileSync(file, 'utf8'), { ...options, fileName: path.basename(file) }) };
}

/** Markdown files under a folder, sorted; hidden folders and node_modules are skipped. */
function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(full));
    else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) found.push(full);
  }
  return found;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
