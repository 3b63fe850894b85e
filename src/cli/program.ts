import { createRequire } from 'node:module';
import type * as Commander from 'commander';

// Loaded as CommonJS directly: skips the ESM wrapper's module-lexer pass on every start.
const { Command, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
type Command = Commander.Command;

import type { Context, GlobalOptions } from './context.js';

/**
 * Every command, registered in one place. Actions import their module lazily
 * so `postmortem --help` loads neither SQLite nor the template engine.
 */

type Opts = Record<string, unknown>;
const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

export function buildProgram(ctx: Context): Command {
  const program = new Command('postmortem');
  program
    .description('Collect incident evidence into a structured record and render the postmortem.')
    .version('0.1.0', '-V, --version')
    .option('--db <path>', 'SQLite database to use (default: $POSTMORTEM_DB, then the workspace database .postmortem/postmortem.db)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .addHelpText(
      'after',
      `${examples(
        'postmortem init',
        'postmortem new "Checkout API returned 502s" --severity SEV2 --service checkout --started "2026-01-05 17:00 +01:00"',
        'postmortem show 2026-01-05-checkout-api-returned-502s',
        'postmortem render 2026-01-05-checkout-api-returned-502s --out postmortem.md',
      )}\nExit codes: 0 ok, 1 failure, 2 usage, 3 invalid input, 4 not found, 5 import conflict, 6 database unusable, 7 warnings (--strict).\n`,
    );

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals() as GlobalOptions;
  const action =
    <A extends unknown[]>(load: () => Promise<(ctx: Context, globals: GlobalOptions, ...args: A) => Promise<void> | void>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const run = await load();
      await run(ctx, globals(command), ...(args.slice(0, -1) as A));
    };

  program
    .command('init')
    .argument('[dir]', 'folder to make a workspace of', '.')
    .description('Create a workspace: postmortem.config.yaml, incidents/ for record files, and a git-ignored database')
    .addHelpText('after', examples('postmortem init', 'postmortem init ops/postmortems'))
    .action(action(async () => (await import('../commands/init.js')).runInit));

  program
    .command('new')
    .argument('<title>', 'what happened, in a few words')
    .description('Create an incident record and print its id')
    .option('--id <id>', 'id to use (default: the start date and a slug of the title)')
    .option('--severity <level>', 'severity, such as SEV1 or P2')
    .option('--service <name>', 'affected service (repeat or separate with commas)', collect)
    .option('--environment <name>', 'environment, such as production')
    .option('--started <time>', 'when it started, e.g. "2026-01-05 17:00 +01:00" or "now" (zone-less times use the config timezone)')
    .option('--tag <tag>', 'tag (repeat or separate with commas)', collect)
    .option('--author <name>', 'author (repeat or separate with commas)', collect)
    .option('--json', 'print the new record as JSON')
    .addHelpText(
      'after',
      examples(
        'postmortem new "Migration 0021 crashed production" --severity SEV1 --service api --started "2026-01-05T17:00Z"',
        'postmortem new "Login outage" --id 2026-03-02-login-outage --json',
      ),
    )
    .action(action(async () => (await import('../commands/new.js')).runNew));

  program
    .command('list')
    .description('List incidents, newest first')
    .option('--status <status>', 'only draft, in-review or published')
    .option('--service <name>', 'only incidents affecting this service')
    .option('--severity <level>', 'only this severity')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON')
    .addHelpText('after', examples('postmortem list', 'postmortem list --service api --status published --json'))
    .action(action(async () => (await import('../commands/list.js')).runList));

  program
    .command('show')
    .argument('<id>', 'incident id')
    .description('Show an incident: its facts, durations and counts')
    .option('--json', 'print the whole record as JSON')
    .addHelpText(
      'after',
      examples('postmortem show 2026-01-05-migration-0021-duplicate-table', 'postmortem show 2026-01-05-migration-0021-duplicate-table --json | jq .times'),
    )
    .action(action(async () => (await import('../commands/show.js')).runShow));

  program
    .command('set')
    .argument('<id>', 'incident id')
    .argument(
      '<field>',
      'title, status, severity, environment, summary, impact, trigger, solution, conclusion, started, detected, mitigated, resolved, services, authors or tags',
    )
    .argument('<value>', 'new value; "-" reads it from stdin; "" clears it')
    .description('Change one field of an incident')
    .addHelpText(
      'after',
      examples(
        'postmortem set 2026-01-05-login-outage severity SEV2',
        'postmortem set 2026-01-05-login-outage resolved "2026-01-05 18:40 +01:00"',
        'postmortem set 2026-01-05-login-outage services api,auth',
        'cat summary.md | postmortem set 2026-01-05-login-outage summary -',
      ),
    )
    .action(action(async () => (await import('../commands/set.js')).runSet));

  program
    .command('edit')
    .argument('<id>', 'incident id')
    .description('Edit the whole record (its YAML file form) in $VISUAL or $EDITOR')
    .addHelpText('after', examples('postmortem edit 2026-01-05-login-outage', 'EDITOR="code --wait" postmortem edit 2026-01-05-login-outage'))
    .action(action(async () => (await import('../commands/edit.js')).runEdit));

  const event = program.command('event').description('Timeline events');
  event
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<time>', 'when, e.g. "2026-01-05 17:05" (config timezone) or "17:05Z"-style full timestamps')
    .argument('<text>', 'what happened')
    .addOption(
      new Option('--kind <kind>', 'kind of event')
        .choices(['started', 'detected', 'investigation', 'change', 'commit', 'deploy', 'build', 'verified', 'mitigated', 'resolved', 'error', 'note'])
        .default('note'),
    )
    .description('Add a timeline event')
    .addHelpText('after', examples('postmortem event add 2026-01-05-login-outage "2026-01-05 17:05" "Root cause found" --kind investigation'))
    .action(action(async () => (await import('../commands/add.js')).runEventAdd));

  const factor = program.command('factor').description('Contributing factors (a root cause is one of them)');
  factor
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<text>', 'the factor, in Markdown')
    .option('--tag <tag>', 'tag such as config, migration, capacity (repeatable)', collect)
    .description('Add a contributing factor')
    .addHelpText('after', examples('postmortem factor add 2026-01-05-login-outage "Migration 0021 was not idempotent" --tag migration'))
    .action(action(async () => (await import('../commands/add.js')).runFactorAdd));

  const lesson = program.command('lesson').description('Lessons learned');
  lesson
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<text>', 'the lesson')
    .option('--category <name>', 'group it under a heading, such as problem, solution, went-well, went-wrong, lucky')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .description('Add a lesson learned')
    .addHelpText('after', examples('postmortem lesson add 2026-01-05-login-outage "Always make migrations idempotent" --category solution'))
    .action(action(async () => (await import('../commands/add.js')).runLessonAdd));

  const actionCmd = program.command('action').description('Prevention and action items');
  actionCmd
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<text>', 'what should be done')
    .option('--owner <name>', 'who owns it')
    .option('--due <date>', 'due date, YYYY-MM-DD')
    .addOption(new Option('--kind <kind>', 'what it does').choices(['prevent', 'detect', 'mitigate', 'process']).default('prevent'))
    .addOption(new Option('--priority <priority>', 'priority; low items render as optional next steps').choices(['high', 'medium', 'low']).default('medium'))
    .option('--tracker <url>', 'link to the ticket')
    .option('--repo <path>', 'without --owner: repository whose CODEOWNERS gives the owner of the files the fix changed (default: the current folder)')
    .option('--json', 'print the new item as JSON')
    .description('Add a prevention/action item (without --owner, the owner comes from CODEOWNERS)')
    .addHelpText(
      'after',
      examples('postmortem action add 2026-01-05-login-outage "Add migration tests to CI" --owner alice --due 2026-02-01 --kind prevent --priority high'),
    )
    .action(action(async () => (await import('../commands/add.js')).runActionAdd));
  const actionFilters = (command: Command) =>
    command
      .option('--status <status>', 'open, in-progress, done, wont-do or all (several separated by commas)')
      .option('--owner <name>', 'only this owner (case-insensitive); "none" for items without one')
      .option('--incident <id>', 'only this incident')
      .option('--service <name>', 'only incidents affecting this service')
      .option('--overdue', 'only open or in-progress items due before today (workspace timezone)')
      .option('--due-before <date>', 'only items due before this date, YYYY-MM-DD');
  actionFilters(actionCmd.command('list'))
    .option('--sort <key>', 'due, owner, incident, priority or age', 'due')
    .option('--limit <n>', 'at most this many (default 100 in a terminal, all with --json; 0: all)')
    .option('--json', 'print JSON')
    .description('List action items across incidents (open and in progress unless --status says otherwise)')
    .addHelpText(
      'after',
      examples(
        'postmortem action list --overdue',
        'postmortem action list --owner alice --sort priority',
        'postmortem action list --status all --incident 2026-01-05-login-outage --json',
      ),
    )
    .action(action(async () => (await import('../commands/action.js')).runActionList));
  actionCmd
    .command('update')
    .argument('<item>', 'action id: INCIDENT#N (or N with --incident)')
    .addOption(
      new Option('--status <status>', 'new status; done and wont-do stamp closed_at, reopening clears it').choices(['open', 'in-progress', 'done', 'wont-do']),
    )
    .option('--owner <name>', 'new owner ("" clears it)')
    .option('--due <date>', 'new due date, YYYY-MM-DD ("" clears it)')
    .addOption(new Option('--priority <priority>', 'new priority').choices(['high', 'medium', 'low']))
    .option('--tracker <url>', 'link to the ticket ("" clears it)')
    .option('--text <text>', 'new wording')
    .option('--incident <id>', 'the incident, when ITEM is a bare number')
    .option('--json', 'print the updated item as JSON')
    .description('Change an action item')
    .addHelpText(
      'after',
      examples(
        'postmortem action update 2026-01-05-login-outage#2 --owner bob --due 2026-03-01',
        'postmortem action update 2 --incident 2026-01-05-login-outage --status in-progress',
      ),
    )
    .action(action(async () => (await import('../commands/action.js')).runActionUpdate));
  actionCmd
    .command('done')
    .argument('<items...>', 'action ids: INCIDENT#N (or N with --incident)')
    .option('--incident <id>', 'the incident, when items are bare numbers')
    .option('--json', 'print the updated items as JSON')
    .description('Mark action items done (all or none)')
    .addHelpText('after', examples('postmortem action done 2026-01-05-login-outage#2', 'postmortem action done 1 3 --incident 2026-01-05-login-outage'))
    .action(action(async () => (await import('../commands/action.js')).runActionDone));
  actionCmd
    .command('report')
    .option('--out <file>', 'write the Markdown to this file instead of stdout')
    .option('--since <date>', 'only items created since this date')
    .option('--json', 'print the report data as JSON')
    .description('Markdown report: open items by owner, overdue first, with age; completion rate per quarter')
    .addHelpText('after', examples('postmortem action report', 'postmortem action report --since 2026-01-01 --out reports/actions.md'))
    .action(action(async () => (await import('../commands/action.js')).runActionReport));
  actionFilters(actionCmd.command('export'))
    .addOption(new Option('--format <format>', 'csv (RFC 4180, spreadsheet-safe) or json').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .description('Export action items (every status unless --status says otherwise)')
    .addHelpText('after', examples('postmortem action export --format csv --out actions.csv', 'postmortem action export --format json --overdue'))
    .action(action(async () => (await import('../commands/action.js')).runActionExport));
  actionCmd
    .command('check')
    .option('--max-overdue <n>', 'fail when more items than this are overdue (default: config actions.max_overdue, else 0)')
    .option('--allow-unowned', 'do not fail on open items without an owner (config: actions.require_owner)')
    .option('--json', 'print the result as JSON')
    .description('For CI: exit 1 with a readable list when items are overdue or have no owner')
    .addHelpText(
      'after',
      `${examples('postmortem action check', 'postmortem action check --max-overdue 3 --allow-unowned', 'postmortem action check --json | jq .overdue')}\nExit codes: 0 passed, 1 failed, 2 bad options.\n`,
    )
    .action(action(async () => (await import('../commands/action.js')).runActionCheck));

  const metric = program.command('metric').description('Success metrics');
  metric
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<name>', 'metric name')
    .argument('<value>', 'its value, as text')
    .description('Add a success metric')
    .addHelpText('after', examples('postmortem metric add 2026-01-05-login-outage "Service uptime" "100% (after fix)"'))
    .action(action(async () => (await import('../commands/add.js')).runMetricAdd));

  const step = program.command('step').description('Deployment steps of the fix');
  step
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<text>', 'the step')
    .addOption(new Option('--status <status>', 'how it went').choices(['done', 'failed', 'skipped', 'pending']).default('done'))
    .option('--detail <text>', 'output or command shown under the step')
    .description('Add a deployment step')
    .addHelpText('after', examples('postmortem step add 2026-01-05-login-outage "Pushed the fix to main"'))
    .action(action(async () => (await import('../commands/add.js')).runStepAdd));

  const section = program.command('section').description('Extra sections, kept as written');
  section
    .command('add')
    .argument('<id>', 'incident id')
    .argument('<heading>', 'section heading')
    .argument('<body>', 'Markdown body; "-" reads it from stdin')
    .option('--after <section>', 'place it after this section (summary, factors, solution, verification, environment, timeline, lessons, ...)')
    .description('Add a free section')
    .addHelpText('after', examples('cat notes.md | postmortem section add 2026-01-05-login-outage "Customer communication" - --after impact'))
    .action(action(async () => (await import('../commands/add.js')).runSectionAdd));

  const collectCmd = program.command('collect').description('Collect evidence into an incident: logs, commits, endpoint checks, environment');
  collectCmd
    .command('logs')
    .argument('<id>', 'incident id')
    .argument('<file>', 'log file, or - for stdin')
    .option(
      '--format <format>',
      'force a format instead of detecting it per line (json, logfmt, railway, heroku, kubernetes, docker, github-actions, journald, plain)',
    )
    .option('--source <name>', 'name of this log source (default: the file name, or stdin)')
    .option('--tz <zone>', 'zone for timestamps without one (default: the config timezone, UTC)')
    .option('--since <time>', 'ignore lines before this time')
    .option('--until <time>', 'ignore lines after this time')
    .option('--json', 'print what was collected as JSON')
    .option('--strict', 'exit with 7 when there were warnings')
    .description('Group errors by fingerprint, find lifecycle markers, count levels; secrets are masked before storing')
    .addHelpText(
      'after',
      examples(
        'postmortem collect logs 2026-01-05-api-crash deploy.log',
        'kubectl logs deploy/api --timestamps --since=2h | postmortem collect logs 2026-01-05-api-crash - --source api',
        'postmortem collect logs 2026-01-05-api-crash app.log --tz Europe/Berlin --since "2026-01-05 16:00"',
      ),
    )
    .action(action(async () => (await import('../commands/collect.js')).runCollectLogs));
  collectCmd
    .command('commits')
    .argument('<id>', 'incident id')
    .option('--repo <path>', 'git repository (repeatable; default: the current folder)', (v: string, p: string[] = []) => [...p, v])
    .option('--since <time>', 'commits after this time')
    .option('--until <time>', 'commits before this time')
    .option('--range <a..b>', 'a revision range instead of a time window')
    .option('--path <path>', 'only commits touching this path (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--fix <hash>', 'the commit that fixed it (default: the last one collected)')
    .option('--json', 'print what was collected as JSON')
    .option('--strict', 'exit with 7 when there were warnings')
    .description('Collect the commits of the fix from git, with files changed and the fix diff')
    .addHelpText(
      'after',
      examples(
        'postmortem collect commits 2026-01-05-api-crash --since "2026-01-05 16:00" --until "2026-01-05 18:00"',
        'postmortem collect commits 2026-01-05-api-crash --range v1.4.0..v1.4.1 --repo ../api --repo ../infra',
        'postmortem collect commits 2026-01-05-api-crash --since 2026-01-05 --fix 8ffb275',
      ),
    )
    .action(action(async () => (await import('../commands/collect.js')).runCollectCommits));
  collectCmd
    .command('checks')
    .argument('<id>', 'incident id')
    .option('--url <url>', 'endpoint to check (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--method <method>', 'HTTP method', 'GET')
    .option('--expect-status <status>', 'a code (200), a class (2xx) or a negation (not-404)')
    .option('--expect-json <path[=value]>', 'a JSON path that must exist, or equal a value (status=healthy)')
    .option('--expect-body <text>', 'text the body must contain')
    .option('--max-latency <ms>', 'fail when slower than this')
    .option('--timeout <ms>', 'give up after this long (default 10000)')
    .option('--file <checks.yaml>', 'a file of checks instead of --url')
    .option('--base-url <url>', 'base URL for the paths in --file (overrides its base_url)')
    .addOption(new Option('--phase <phase>', 'before or after the fix').choices(['before', 'after']).default('after'))
    .option('--retry-until-pass <duration>', 'retry failing checks until they pass, for up to this long (90s, 5m)')
    .option('--json', 'print the results as JSON')
    .option('--strict', 'exit with 7 when there were warnings')
    .description('Check HTTP endpoints and record status, latency and a redacted body excerpt')
    .addHelpText(
      'after',
      examples(
        'postmortem collect checks 2026-01-05-api-crash --url https://api.example.com/health --expect-status 200 --expect-json status=healthy',
        'postmortem collect checks 2026-01-05-api-crash --url https://api.example.com/api/budgets/ --expect-status not-404',
        'postmortem collect checks 2026-01-05-api-crash --file checks.yaml --retry-until-pass 5m',
      ),
    )
    .action(action(async () => (await import('../commands/collect.js')).runCollectChecks));
  collectCmd
    .command('env')
    .argument('<id>', 'incident id')
    .option('--required <names>', 'variables that must be set (comma-separated; SMTP_* patterns work)', collect)
    .option('--optional <names>', 'variables that may be set', collect)
    .option('--from <file|process>', 'a .env file, or process (this environment)', 'process')
    .option('--json', 'print the result as JSON')
    .option('--strict', 'exit with 7 when a required variable is missing')
    .description('Record which variables are set and their shape (never a value)')
    .addHelpText(
      'after',
      examples(
        'postmortem collect env 2026-01-05-api-crash --required DATABASE_URL,SECRET_KEY,JWT_SECRET --optional SMTP_*',
        'railway variables --kv | postmortem collect env 2026-01-05-api-crash --required DATABASE_URL --from /dev/stdin',
      ),
    )
    .action(action(async () => (await import('../commands/collect.js')).runCollectEnv));

  const repeatable = (v: string, p: string[] = []) => [...p, v];
  program
    .command('capture')
    .argument('<title>', 'what happened, in a few words')
    .description('From fix to draft in one command: create the incident, run every collector, render the draft, then ask what no collector can know')
    .option('--id <id>', "id to use (default: the answers file's id, else the start date and a slug of the title)")
    .option('--logs <[name=]file>', "log file, or - for stdin; name=file names the source (repeatable; default: the config's capture.logs)", repeatable)
    .option('--repo <dir>', 'git repository (repeatable; default: capture.repos, else the workspace when it is a git checkout)', repeatable)
    .option('--since <time|duration>', 'window start: a time, or a duration back from now such as 2h (default: capture.since, 2h)')
    .option('--until <time>', 'window end (default: now)')
    .option('--checks <checks.yaml>', 'endpoint checks file (default: capture.checks)')
    .option('--base-url <url>', 'base URL for the paths in the checks file')
    .option('--url <url>', 'endpoint to check, expecting a 2xx (repeatable)', repeatable)
    .option('--timeout <ms>', 'give up on a --url check after this long (default 10000)')
    .option('--env-required <names>', 'variables that must be set (comma-separated; SMTP_* patterns work)', collect)
    .option('--env-optional <names>', 'variables that may be set', collect)
    .option('--env-from <file|process>', 'a .env file, or process (default: capture.env.from, process)')
    .option('--template <name|path>', 'template for the draft (default: the config template)')
    .option('--out <file>', 'write the draft here (default: capture.draft, postmortems/<id>/postmortem.md)')
    .option('--answers <file>', 'record fields no collector can know (summary, impact, factors, lessons, actions, ...), as YAML')
    .option('--no-input', 'never ask questions (scripts, CI); they are never asked when stdin is not a terminal')
    .option('--guided', 'ask the questions even when stdin is not a terminal, reading answers line by line')
    .option('--json', 'print the outcome as JSON')
    .option('--no-strict', 'exit 0 even when some evidence could not be collected')
    .addHelpText(
      'after',
      `${examples(
        'postmortem capture "Migration 0021 crashed production"',
        'postmortem capture "Migration 0021 crashed production" --logs railway=deploy.log --repo . --since 2h --url https://api.example.com/health',
        'kubectl logs deploy/api --timestamps --since=3h | postmortem capture "API crash loop" --logs api=- --since "2026-01-05 16:00" --until "2026-01-05 18:00"',
        'postmortem capture "Login outage" --checks checks.yaml --env-required DATABASE_URL,JWT_SECRET --env-from .env --answers answers.yaml --no-input',
      )}
Defaults come from the capture: section of postmortem.config.yaml (see \`postmortem init\`); an option replaces its setting.
Exit codes: 0 draft written with everything collected; 7 draft written, but some evidence could not be collected
(each warning says what and why; --no-strict exits 0); 2 usage, 3 invalid input, 4 answers file not found, 6 database unusable: nothing written.
`,
    )
    .action(action(async () => (await import('../commands/capture.js')).runCapture));

  program
    .command('status')
    .argument('<id>', 'incident id')
    .argument('<status>', 'draft, in-review or published')
    .option('--force', 'publish even when the lint finds errors (recorded in the record)')
    .option('--json', 'print the outcome as JSON')
    .description('Move an incident through review: draft → in-review → published (publishing runs the lint, as publish does)')
    .addHelpText(
      'after',
      `${examples('postmortem status 2026-01-05-login-outage in-review', 'postmortem status 2026-01-05-login-outage published', 'postmortem status 2026-01-05-login-outage draft')}
Exit codes: 0 done, 3 lint errors block publishing (nothing written) or an unknown status, 4 incident not found.
`,
    )
    .action(action(async () => (await import('../commands/status.js')).runStatus));

  program
    .command('publish')
    .argument('<id>', 'incident id')
    .option('--force', 'publish even when the lint finds errors; the record keeps a note that it was forced')
    .option('--json', 'print the outcome as JSON')
    .description(
      'Lint the postmortem and mark it published; refuses with the list of what to fix (required sections, prevention items without owner or due date)',
    )
    .addHelpText(
      'after',
      `${examples('postmortem publish 2026-01-05-login-outage', 'postmortem publish 2026-01-05-login-outage --force', 'postmortem publish 2026-01-05-login-outage --json | jq .findings')}
Exit codes: 0 published, 3 lint errors (nothing written; fix them or pass --force), 4 incident not found.
`,
    )
    .action(action(async () => (await import('../commands/publish.js')).runPublish));

  program
    .command('stats')
    .option('--since <date>', 'only incidents that started on or after this date (config timezone) or time')
    .option('--until <date>', 'only incidents that started before the end of this date, or before this time')
    .option('--top <n>', 'how many services, recurring errors and tags to list (default 10)')
    .option('--json', 'print JSON')
    .description('Trends: incidents per month and service, time to detect and recover (median, p90), recurring errors, action items, factor tags')
    .addHelpText(
      'after',
      examples('postmortem stats', 'postmortem stats --since 2026-01-01 --until 2026-03-31', 'postmortem stats --json | jq .time_to_recover'),
    )
    .action(action(async () => (await import('../commands/stats.js')).runStats));

  program
    .command('search')
    .argument('<query>', 'words (all must match), "a phrase", a prefix*, OR, AND, NOT, (groups), -word to leave out')
    .option('--service <name>', 'only incidents affecting this service')
    .option('--since <date>', 'only incidents that started on or after this date or time')
    .addOption(new Option('--type <type>', 'only incidents, lessons or action items').choices(['incident', 'lesson', 'action']))
    .option('--limit <n>', 'at most this many results (default 20)')
    .option('--json', 'print JSON')
    .description('Search titles, summaries, factors, lessons, action items, errors and commits; best matches first')
    .addHelpText(
      'after',
      examples(
        'postmortem search "duplicate table"',
        'postmortem search psycopg2.errors.DuplicateTable --json',
        'postmortem search "migr*" --service api --since 2025-01-01',
        'postmortem search "(redis OR memcached) timeout" --type lesson --limit 5',
      ),
    )
    .action(action(async () => (await import('../commands/search.js')).runSearch));

  program
    .command('similar')
    .argument('<id>', 'incident id')
    .option('--limit <n>', 'at most this many (default 10)')
    .option('--json', 'print JSON')
    .description('Earlier incidents like this one: same errors, failing endpoints, files fixed, services or words, each with why')
    .addHelpText(
      'after',
      examples('postmortem similar 2026-01-05-migration-0021-duplicate-table', 'postmortem similar 2026-01-05-login-outage --json --limit 3'),
    )
    .action(action(async () => (await import('../commands/similar.js')).runSimilar));

  program
    .command('timeline')
    .argument('<id>', 'incident id')
    .option('--json', 'print JSON')
    .description('The merged timeline (by hand and from evidence) and the times and downtime it implies')
    .addHelpText('after', examples('postmortem timeline 2026-01-05-api-crash', 'postmortem timeline 2026-01-05-api-crash --json | jq .durations'))
    .action(action(async () => (await import('../commands/timeline.js')).runTimeline));

  program
    .command('export')
    .argument('[ids...]', 'incidents to export (default: all)')
    .option('--out <dir>', 'folder to write <id>.yaml files into, or - for stdout (default: the workspace incidents/ folder)')
    .option('--force', 'overwrite record files holding edits that were never imported')
    .option('--json', 'print what was written as JSON')
    .description('Write incidents as YAML record files, for sharing through git')
    .addHelpText('after', examples('postmortem export', 'postmortem export 2026-01-05-login-outage --out -', 'postmortem export --out /tmp/records'))
    .action(action(async () => (await import('../commands/export.js')).runExport));

  program
    .command('import')
    .argument('<paths...>', 'record files or folders of them')
    .option('--theirs', 'when the file and the database both changed a field, take the file (the local version is backed up)')
    .option('--skip-conflicts', 'import the other files when some conflict (conflicting incidents stay untouched)')
    .option('--json', 'print the outcome per file as JSON')
    .description('Import YAML record files: validates all, then creates, updates or merges; conflicts are reported, never lost')
    .addHelpText(
      'after',
      examples('postmortem import incidents/', 'git pull && postmortem import incidents', 'postmortem import shared/2026-01-05-login-outage.yaml --theirs'),
    )
    .action(action(async () => (await import('../commands/import.js')).runImport));

  const template = program.command('template').description('Postmortem templates');
  template
    .command('list')
    .option('--json', 'print JSON')
    .description('List the built-in templates and the workspace templates/ folder')
    .addHelpText('after', examples('postmortem template list'))
    .action(action(async () => (await import('../commands/template.js')).runTemplateList));

  program
    .command('render')
    .argument('[id]', 'incident id (or --all)')
    .option('--template <name|path>', 'template name (default: the config template, "default") or a .hbs file')
    .option('--out <file|dir>', 'write to this file instead of stdout; with --all, the folder (default postmortems/)')
    .option('--all', 'render every incident to <out>/<id>/postmortem.md')
    .addOption(
      new Option('--format <format>', 'md: the postmortem; html: a standalone, sanitised page; json: the view model templates see')
        .choices(['md', 'html', 'json'])
        .default('md'),
    )
    .description('Render the postmortem as Markdown')
    .addHelpText(
      'after',
      examples(
        'postmortem render 2026-01-05-login-outage',
        'postmortem render 2026-01-05-login-outage --out docs/postmortem.md',
        'postmortem render 2026-01-05-login-outage --template ./my-template.hbs',
        'postmortem render --all --out docs/postmortems',
        'postmortem render 2026-01-05-login-outage --format html --out postmortem.html',
        'postmortem render 2026-01-05-login-outage --format json | jq .timeline',
      ),
    )
    .action(action(async () => (await import('../commands/render.js')).runRender));

  const site = program.command('site').description('The knowledge base as a static website (Astro), with search');
  site
    .command('build')
    .description('Build the static site: incidents, lessons, prevention items and a search index, published incidents only by default')
    .option('--out <dir>', 'output folder (default: .postmortem/site in the workspace)')
    .option('--base <path>', 'URL path the site is served under, e.g. /postmortems/', '/')
    .option('--drafts', 'include draft and in-review incidents')
    .option('--json', 'print what was built as JSON')
    .addHelpText(
      'after',
      examples(
        'postmortem site build',
        'postmortem site build --out public --base /postmortems/',
        'postmortem site build --drafts && python3 -m http.server -d .postmortem/site',
      ),
    )
    .action(action(async () => (await import('../commands/site.js')).runSiteBuild));
  site
    .command('dev')
    .description('Preview the site with live reload while editing site/ (search needs a build)')
    .option('--base <path>', 'URL path to serve under', '/')
    .option('--drafts', 'include draft and in-review incidents')
    .option('--port <n>', 'port (default 4321)', (v) => Number.parseInt(v, 10))
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .addHelpText('after', examples('postmortem site dev', 'postmortem site dev --drafts --port 8080'))
    .action(action(async () => (await import('../commands/site.js')).runSiteDev));

  program
    .command('lint')
    .argument('[targets...]', 'Markdown files, folders of them, incident ids, or - for stdin (the default when piped)')
    .option('--template <name|path>', 'template whose required sections apply (default: the config template); incidents are rendered with it')
    .option('--strict', 'exit with 7 when there is any finding (for CI)')
    .option('--json', 'print the findings as JSON')
    .description('Check postmortems for missing or empty sections, action items without owner or due date, placeholders and broken tables')
    .addHelpText(
      'after',
      `${examples(
        'postmortem lint postmortems/2026-01-05-login-outage.md',
        'postmortem lint 2026-01-05-login-outage --template sre',
        'postmortem lint postmortems/ --strict',
        'cat draft.md | postmortem lint --json',
      )}\nExit codes: 0 linted (findings are printed), 2 usage, 3 invalid config or template, 4 file or incident not found, 7 findings with --strict.\n`,
    )
    .action(action(async () => (await import('../commands/lint.js')).runLint));

  return program;
}

export type { Opts };
