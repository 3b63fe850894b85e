import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeIncident } from '../helpers/records.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { parseRfc4180 } from './rfc4180.js';
import { actionIncidents, NOW, seededWorkspace } from './seed.js';

const addresses = (json: string) => (JSON.parse(json) as Array<{ address: string }>).map((item) => item.address);

describe('postmortem action list', () => {
  it('lists open and in-progress items by due date, undated last', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [code, out, err] = await runCli(['action', 'list', '--json'], { cwd, env: NOW });
    expect([code, err]).toEqual([0, '']);
    expect(addresses(out)).toEqual([
      '2025-11-03-billing-delay#2',
      '2026-01-05-checkout-502s#1',
      '2026-01-12-login-outage#1',
      '2026-01-12-login-outage#2',
      '2026-01-05-checkout-502s#2',
      '2026-01-05-checkout-502s#3',
    ]);
    const [, table] = await runCli(['action', 'list'], { cwd, env: NOW });
    expect(table.split('\n')[0]).toMatch(/^ITEM\s+STATUS\s+PRIORITY\s+OWNER\s+DUE\s+AGE\s+ACTION$/);
    expect(table).toContain('2026-01-05-checkout-502s#1  open         high      alice  2026-01-20 (12 d overdue)  26 d  Add a readiness probe for the pool\n');
  });

  it('computes overdue from the injected clock, in the workspace time zone', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [, out] = await runCli(['action', 'list', '--overdue', '--json'], { cwd, env: NOW });
    const items = JSON.parse(out);
    expect(items.map((i: { address: string; days_overdue: number }) => [i.address, i.days_overdue])).toEqual([
      ['2025-11-03-billing-delay#2', 48],
      ['2026-01-05-checkout-502s#1', 12],
      ['2026-01-12-login-outage#1', 1],
    ]);
    // 2026-01-31 12:00 UTC is already 1 February in Auckland (UTC+13): login#1 (due 31 January) is overdue there, not in UTC.
    const clock = { POSTMORTEM_NOW: '2026-01-31T12:00:00Z' };
    expect(addresses((await runCli(['action', 'list', '--overdue', '--json'], { cwd, env: clock }))[1])).not.toContain('2026-01-12-login-outage#1');
    const auckland = seededWorkspace(actionIncidents(), 'timezone: Pacific/Auckland\n');
    expect(addresses((await runCli(['action', 'list', '--overdue', '--json'], { cwd: auckland, env: clock }))[1])).toContain('2026-01-12-login-outage#1');
  });

  it('filters by status, owner, incident, service and due date, and sorts', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const list = async (...args: string[]) => addresses((await runCli(['action', 'list', '--json', ...args], { cwd, env: NOW }))[1]);
    expect(await list('--status', 'done,wont-do', '--sort', 'incident')).toEqual([
      '2025-11-03-billing-delay#1',
      '2026-01-05-checkout-502s#4',
      '2026-01-12-login-outage#3',
    ]);
    expect(await list('--owner', 'CAROL')).toEqual(['2026-01-12-login-outage#1', '2026-01-12-login-outage#2']);
    expect(await list('--owner', 'none')).toEqual(['2026-01-05-checkout-502s#3']);
    expect(await list('--incident', '2026-01-05-checkout-502s', '--status', 'all', '--sort', 'incident')).toHaveLength(4);
    expect(await list('--service', 'checkout', '--sort', 'incident')).toEqual([
      '2025-11-03-billing-delay#2',
      '2026-01-05-checkout-502s#1',
      '2026-01-05-checkout-502s#2',
      '2026-01-05-checkout-502s#3',
    ]);
    expect(await list('--due-before', '2026-01-31')).toEqual(['2025-11-03-billing-delay#2', '2026-01-05-checkout-502s#1']);
    expect((await list('--sort', 'priority'))[0]).toBe('2026-01-05-checkout-502s#1');
    expect((await list('--sort', 'owner')).at(-1)).toBe('2026-01-05-checkout-502s#3');
    expect((await list('--sort', 'age'))[0]).toBe('2025-11-03-billing-delay#2');
    expect(await list('--limit', '2')).toHaveLength(2);
  });

  it('refuses bad options with exit 2 or 3 and a hint', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [code, , err] = await runCli(['action', 'list', '--status', 'closed'], { cwd, env: NOW });
    expect([code, err]).toEqual([
      2,
      'error: --status: "closed" is not a status.\nhint: Use open, in-progress, done, wont-do or all (several separated by commas).\n',
    ]);
    expect((await runCli(['action', 'list', '--sort', 'size'], { cwd }))[0]).toBe(2);
    expect((await runCli(['action', 'list', '--limit', 'ten'], { cwd }))[0]).toBe(2);
    expect((await runCli(['action', 'list', '--due-before', '31/01/2026'], { cwd }))[0]).toBe(3);
  });
});

describe('postmortem action update and done', () => {
  it('round-trips through the whole record: show --json and the exported YAML', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const id = '2026-01-05-checkout-502s';
    const later = { POSTMORTEM_NOW: '2026-02-02T10:00:00Z' };
    expect(await runCli(['action', 'update', `${id}#3`, '--owner', 'dave', '--due', '2026-02-15', '--priority', 'high'], { cwd, env: later })).toEqual([
      0,
      `${id}#3: owner (none) → dave, due (none) → 2026-02-15, priority medium → high\n`,
      '',
    ]);
    expect(await runCli(['action', 'done', `${id}#3`], { cwd, env: later })).toEqual([0, `${id}#3: done (was open)\n`, '']);
    const record = JSON.parse((await runCli(['show', id, '--json'], { cwd }))[1]);
    expect(record.updated_at).toBe('2026-02-02T10:00:00Z');
    expect(record.actions[2]).toEqual({
      id: 3,
      text: 'Write the runbook',
      kind: 'process',
      owner: 'dave',
      due: '2026-02-15',
      priority: 'high',
      status: 'done',
      tracker: null,
      created_at: '2026-01-06T10:00:00Z',
      closed_at: '2026-02-02T10:00:00Z',
    });
    const [, yaml] = await runCli(['export', id, '--out', '-'], { cwd });
    expect(yaml).toContain(
      '  - id: 3\n    text: Write the runbook\n    kind: process\n    owner: dave\n    due: 2026-02-15\n    priority: high\n    status: done\n    created_at: 2026-01-06T10:00:00Z\n    closed_at: 2026-02-02T10:00:00Z\n',
    );
    // Reopening clears closed_at; a bare number works with --incident.
    expect((await runCli(['action', 'update', '3', '--incident', id, '--status', 'in-progress', '--tracker', 'OPS-12'], { cwd }))[0]).toBe(0);
    const reopened = JSON.parse((await runCli(['show', id, '--json'], { cwd }))[1]).actions[2];
    expect([reopened.status, reopened.closed_at, reopened.tracker]).toEqual(['in-progress', null, 'OPS-12']);
  });

  it('unknown ids exit 4 with a hint saying how ids look, and write nothing', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const id = '2026-01-05-checkout-502s';
    const [code, out, err] = await runCli(['action', 'done', `${id}#1`, `${id}#9`], { cwd, env: NOW });
    expect([code, out]).toEqual([4, '']);
    expect(err).toBe(
      `error: Action item ${id}#9 does not exist.\nhint: Incident ${id} has ${id}#1, ${id}#2, ${id}#3, ${id}#4. ` +
        'Action ids look like 2026-01-05-login-outage#2: the incident id, "#", and the item\'s number. `postmortem action list` shows them (`--incident ID` for one incident). Nothing was written.\n',
    );
    // #1 was in the same command: still open.
    expect(JSON.parse((await runCli(['show', id, '--json'], { cwd }))[1]).actions[0].status).toBe('open');
    const [missing, , missingErr] = await runCli(['action', 'done', 'no-such-incident#1'], { cwd });
    expect([missing, missingErr.split('\n')[0]]).toEqual([4, 'error: Action item no-such-incident#1 does not exist.']);
    const [bad, , badErr] = await runCli(['action', 'update', 'checkout', '--owner', 'x'], { cwd });
    expect([bad, badErr]).toEqual([4, expect.stringContaining('hint: Action ids look like 2026-01-05-login-outage#2')]);
    expect((await runCli(['action', 'done', '3'], { cwd }))[0]).toBe(2);
    expect((await runCli(['action', 'update', `${id}#1`], { cwd }))[0]).toBe(2);
    expect((await runCli(['action', 'update', `${id}#1`, '--status', 'finished'], { cwd }))[0]).toBe(2);
  });
});

describe('postmortem action check', () => {
  it('exits 1 with a readable list when items are overdue or unowned, 0 within the limits', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [code, out, err] = await runCli(['action', 'check'], { cwd, env: NOW });
    expect(code).toBe(1);
    expect(out).toContain('Overdue on 2026-02-01 (3):');
    expect(out).toContain('Without an owner (1):');
    expect(out).toContain('2026-01-05-checkout-502s#3');
    expect(out.trimEnd().split('\n').at(-1)).toBe('action check failed (at most 0 overdue, every open item owned).');
    expect(err.split('\n')[0]).toBe('error: 3 overdue items (at most 0 allowed); 1 open item without an owner.');

    expect((await runCli(['action', 'check', '--max-overdue', '3'], { cwd, env: NOW }))[0]).toBe(1);
    const [ok, okOut] = await runCli(['action', 'check', '--max-overdue', '3', '--allow-unowned'], { cwd, env: NOW });
    expect([ok, okOut.trimEnd().split('\n').at(-1)]).toEqual([0, 'action check passed (at most 3 overdue): 3 overdue, 0 without an owner.']);
    const [jsonCode, json] = await runCli(['action', 'check', '--json'], { cwd, env: NOW });
    expect(jsonCode).toBe(1);
    expect(JSON.parse(json)).toMatchObject({ passed: false, limits: { maxOverdue: 0, requireOwner: true }, today: '2026-02-01' });
  });

  it('takes its limits from the workspace config; flags win', async () => {
    const cwd = seededWorkspace(actionIncidents(), 'actions:\n  max_overdue: 5\n  require_owner: false\n');
    expect((await runCli(['action', 'check'], { cwd, env: NOW }))[0]).toBe(0);
    expect((await runCli(['action', 'check', '--max-overdue', '2'], { cwd, env: NOW }))[0]).toBe(1);
    const clean = seededWorkspace([makeIncident()]);
    expect(await runCli(['action', 'check'], { cwd: clean, env: NOW })).toEqual([
      0,
      'action check passed (at most 0 overdue, every open item owned): 0 overdue, 0 without an owner.\n',
      '',
    ]);
  });

  it('usage errors exit 2; a bad config exits 3', async () => {
    const cwd = seededWorkspace(actionIncidents());
    expect((await runCli(['action', 'check', '--max-overdue', 'many'], { cwd }))[0]).toBe(2);
    expect((await runCli(['action', 'check', '--unknown'], { cwd }))[0]).toBe(2);
    const badConfig = seededWorkspace([], 'actions:\n  max_overdue: -1\n');
    const [code, , err] = await runCli(['action', 'check'], { cwd: badConfig });
    expect([code, err]).toEqual([3, expect.stringContaining('actions.max_overdue')]);
  });
});

describe('postmortem action export and report', () => {
  it('writes RFC 4180 CSV that survives commas, quotes and newlines, and defuses formulas', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [code, csv] = await runCli(['action', 'export', '--format', 'csv'], { cwd, env: NOW });
    expect(code).toBe(0);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/"[^"]*(?:""[^"]*)*"/g, '').includes('\n') && !/[^\r]\n/.test(csv.replace(/"[^"]*(?:""[^"]*)*"/g, ''))).toBe(true);
    const [header, ...rows] = parseRfc4180(csv);
    expect(header).toEqual([
      'id',
      'incident',
      'number',
      'incident_title',
      'text',
      'kind',
      'owner',
      'due',
      'priority',
      'status',
      'tracker',
      'created_at',
      'closed_at',
      'overdue',
      'age_days',
    ]);
    expect(rows).toHaveLength(9);
    expect(rows.every((row) => row.length === header?.length)).toBe(true);
    const billing = rows.find((row) => row[0] === '2025-11-03-billing-delay#1');
    expect(billing?.slice(3, 7)).toEqual([
      'Invoices were late, "again"',
      'Retry, then alert: "invoice job failed", with the id\nand the queue depth',
      'prevent',
      '\'=HYPERLINK("http://evil")',
    ]);
    expect(rows.find((row) => row[0] === '2025-11-03-billing-delay#2')?.[4]).toBe("'-Document the billing queue");
    expect(rows.find((row) => row[0] === '2026-01-05-checkout-502s#1')?.slice(13)).toEqual(['true', '26']);

    const out = path.join(cwd, 'out', 'actions.json');
    expect(await runCli(['action', 'export', '--format', 'json', '--out', out, '--overdue'], { cwd, env: NOW })).toEqual([
      0,
      `Wrote 3 action items to out/actions.json\n`,
      '',
    ]);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveLength(3);
    expect((await runCli(['action', 'export', '--format', 'xlsx'], { cwd }))[0]).toBe(2);
  });

  it('report: Markdown by owner, overdue first, with age and completion per quarter', async () => {
    const cwd = seededWorkspace(actionIncidents());
    const [code, markdown] = await runCli(['action', 'report'], { cwd, env: NOW });
    expect(code).toBe(0);
    expect(markdown).toContain('Generated on 2026-02-01 (UTC): 6 open items, 3 overdue, 1 without an owner.');
    const owners = [...markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    // Owners match case-insensitively (Carol and carol are one person), as `action list --owner` does.
    expect(owners).toEqual(['alice', 'Carol', 'bob', 'No owner']);
    const alice = markdown.slice(markdown.indexOf('### alice'), markdown.indexOf('### Carol'));
    expect(alice).toContain('2 open items, 2 overdue.');
    expect(alice).toContain('| `2025-11-03-billing-delay#2` | -Document the billing queue | low | **2025-12-15, 48 days overdue** | 89 days | open |');
    expect(markdown).toContain(
      [
        "| Quarter | Created | Done | Won't do | Still open | Completion |",
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        '| 2025-Q4 | 2 | 1 | 0 | 1 | 50% |',
        '| 2026-Q1 | 7 | 1 | 1 | 5 | 29% |',
      ].join('\n'),
    );
    const file = path.join(cwd, 'report.md');
    const [written, message] = await runCli(['action', 'report', '--since', '2026-01-01', '--out', file], { cwd, env: NOW });
    expect([written, message]).toEqual([0, 'Wrote report.md: 5 open items, 2 overdue, 1 without an owner\n']);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('2025-Q4');
  });
});

describe('postmortem action add: owners from CODEOWNERS', () => {
  const withFix = () =>
    makeIncident({
      evidence: {
        commits: [
          { hash: 'abc1234', subject: 'chore: bump', files: [{ path: 'README.md' }] },
          {
            hash: 'def5678',
            subject: 'fix: make migration 0021 idempotent',
            fix: true,
            files: [{ path: 'db/migrations/0021_add_table.py' }, { path: 'db/schema.sql' }, { path: 'start.sh' }],
          },
        ],
      },
    });

  it('takes the owner of most files the fix changed (last matching rule wins) and says where it came from', async () => {
    const cwd = seededWorkspace([withFix()]);
    const repo = tempDir();
    writeTree(repo, { '.github/CODEOWNERS': '# Owners\n*       @acme/platform\n/db/    @acme/data\n*.md    @acme/docs\n', CODEOWNERS: '* @ignored\n' });
    const [code, out, err] = await runCli(['action', 'add', '2026-02-01-login-outage', 'Test migrations in CI', '--repo', repo], { cwd, env: NOW });
    expect([code, err]).toEqual([0, '']);
    expect(out).toBe(
      `2026-02-01-login-outage: action item #2 added, owner @acme/data from ${path.relative(cwd, path.join(repo, '.github/CODEOWNERS'))} (line 3 \`/db/\`: owns 2 of the 3 files the fix changed)\n`,
    );
    const [, json] = await runCli(['action', 'list', '--owner', '@acme/data', '--json'], { cwd, env: NOW });
    expect(addresses(json)).toEqual(['2026-02-01-login-outage#2']);
    // An explicit --owner wins; JSON says where the owner came from.
    const [, added] = await runCli(['action', 'add', '2026-02-01-login-outage', 'Other', '--owner', 'zoe', '--repo', repo, '--json'], { cwd, env: NOW });
    expect(JSON.parse(added)).toMatchObject({ id: 3, owner: 'zoe', owner_from: { source: '--owner' } });
  });

  it('finds CODEOWNERS at the root of the git repository holding the current folder, and explains when there is none', async () => {
    const cwd = seededWorkspace([withFix()]);
    execFileSync('git', ['init', '-q'], { cwd });
    writeTree(cwd, { 'docs/CODEOWNERS': 'start.sh @acme/ops\n', 'src/app/.keep': '' });
    const [, out] = await runCli(['--db', path.join(cwd, '.postmortem', 'postmortem.db'), 'action', 'add', '2026-02-01-login-outage', 'Fix start.sh'], {
      cwd: path.join(cwd, 'src', 'app'),
      env: NOW,
    });
    expect(out).toContain('owner @acme/ops from ../../docs/CODEOWNERS');
    const bare = seededWorkspace([makeIncident()]);
    const [, none] = await runCli(['action', 'add', '2026-02-01-login-outage', 'Something'], { cwd: bare, env: NOW });
    expect(none).toBe(
      '2026-02-01-login-outage: action item #2 added without an owner (no fix commit with changed files was collected (`postmortem collect commits`)); set one with `postmortem action update 2026-02-01-login-outage#2 --owner NAME`\n',
    );
  });
});
