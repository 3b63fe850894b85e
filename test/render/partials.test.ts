import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTemplatesDir, loadTemplate } from '../../src/render/render.js';
import type {
  ChecksTableView,
  CommitsView,
  ConclusionView,
  DeploymentView,
  EnvironmentView,
  ExtraSectionView,
  HeaderView,
  LessonsView,
  MetricsView,
  NextStepsView,
  PostmortemView,
  PreventionView,
  RootCauseView,
  SolutionView,
  SummaryView,
  TimelineView,
  VerificationView,
  WarningsView,
} from '../../src/render/viewModel.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Each partial of the default template against a small view fragment. The
 * fragments are typed with the view model, so a renamed field breaks here.
 */
function renderPartial(name: string, fragment: unknown): string {
  const file = path.join(tempDir('pm-partial-'), `${name}.hbs`);
  fs.writeFileSync(file, `{{> ${name} this}}`);
  return loadTemplate(file).render(fragment as PostmortemView);
}

const TESTED = [
  'checks-table',
  'commits',
  'conclusion',
  'deployment',
  'environment',
  'extra',
  'header',
  'lessons',
  'metrics',
  'next-steps',
  'prevention',
  'root-cause',
  'solution',
  'summary',
  'timeline',
  'verification',
  'warnings',
];

describe('default partials', () => {
  it('are all tested here', () => {
    const files = fs.readdirSync(path.join(builtinTemplatesDir(), 'default', 'partials'));
    expect(files.map((f) => f.replace(/\.hbs$/, '')).sort()).toEqual(TESTED);
  });

  it('header', () => {
    const header: HeaderView = {
      title: 'DB down',
      date: 'January 5, 2026',
      authors: null,
      severity: null,
      status: 'Draft',
      services: null,
      environment: null,
      duration: null,
      lines: ['**Date:** January 5, 2026\\', '**Status:** Draft'],
    };
    expect(renderPartial('header', header)).toBe('# DB down\n\n**Date:** January 5, 2026\\\n**Status:** Draft\n\n---\n');
  });

  it('summary with and without impact', () => {
    const both: SummaryView = { text: 'It broke.', impact: '- users saw 500s' };
    expect(renderPartial('summary', both)).toBe('## Problem Summary\n\nIt broke.\n\n### Impact\n\n- users saw 500s\n');
    const impactOnly: SummaryView = { text: null, impact: 'Nobody could log in.' };
    expect(renderPartial('summary', impactOnly)).toBe('## Problem Summary\n\n### Impact\n\nNobody could log in.\n');
  });

  it('root-cause', () => {
    const view: RootCauseView = {
      trigger: 'A deploy',
      factors: [
        { text: 'No check', tags: [] },
        { text: 'Drift', tags: ['db'] },
      ],
    };
    expect(renderPartial('root-cause', view)).toBe('## Root Cause Analysis\n\n**Trigger:** A deploy\n\n**Contributing factors:**\n\n- No check\n- Drift\n');
    expect(renderPartial('root-cause', { trigger: null, factors: [{ text: 'Only', tags: [] }] })).toBe(
      '## Root Cause Analysis\n\n**Contributing factors:**\n\n- Only\n',
    );
  });

  it('solution', () => {
    const view: SolutionView = {
      text: 'Made it idempotent.',
      fixCommits: [{ hash: '`8ffb275`', subject: 'fix: guard', files: ['- `a.py` (+2 -1)'], diff: '```python\npass\n```' }],
    };
    expect(renderPartial('solution', view)).toBe(
      [
        '## Solution Implemented',
        '',
        'Made it idempotent.',
        '',
        '**Fix commit:** `8ffb275` fix: guard',
        '',
        '**Files modified:**',
        '',
        '- `a.py` (+2 -1)',
        '',
        '**Code diff:**',
        '',
        '```python',
        'pass',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('deployment', () => {
    const view: DeploymentView = {
      steps: [
        { marker: '1.', icon: '✅', status: 'done', text: 'Committed', detail: '   ```\n   fix: x\n   ```' },
        { marker: '2.', icon: '⏳', status: 'pending', text: 'Deploy', detail: null },
      ],
    };
    expect(renderPartial('deployment', view)).toBe('## Deployment Process\n\n1. ✅ Committed\n   ```\n   fix: x\n   ```\n2. ⏳ Deploy\n');
  });

  it('checks-table', () => {
    const view: ChecksTableView = {
      heading: 'Endpoint Tests',
      origin: 'Checked against `https://x.test`.',
      rows: [{ endpoint: '`/health`', expected: '200', result: 'ok \\| fine', status: '✅ PASS' }],
      summary: 'All 1 check passed.',
    };
    expect(renderPartial('checks-table', view)).toBe(
      [
        '### Endpoint Tests',
        '',
        'Checked against `https://x.test`.',
        '',
        '| Endpoint | Expected | Result | Status |',
        '|----------|----------|--------|--------|',
        '| `/health` | 200 | ok \\| fine | ✅ PASS |',
        '',
        '**All 1 check passed.**',
        '',
      ].join('\n'),
    );
  });

  it('verification', () => {
    const view: VerificationView = {
      notes: [],
      logGroups: [{ heading: 'Logs: app', block: '```\nstarted\n```' }],
      checks: null,
      checksBefore: {
        heading: 'Before the Fix',
        origin: null,
        rows: [{ endpoint: '`/`', expected: '—', result: 'HTTP 500', status: '❌ FAIL' }],
        summary: '0 of 1 check passed.',
      },
    };
    expect(renderPartial('verification', view)).toBe(
      [
        '## Verification Results',
        '',
        '### Logs: app',
        '',
        '```',
        'started',
        '```',
        '',
        '### Before the Fix',
        '',
        '| Endpoint | Expected | Result | Status |',
        '|----------|----------|--------|--------|',
        '| `/` | — | HTTP 500 | ❌ FAIL |',
        '',
        '**0 of 1 check passed.**',
        '',
      ].join('\n'),
    );
  });

  it('environment', () => {
    const view: EnvironmentView = {
      required: [{ icon: '❌', name: '`DB`', description: null, line: '❌ `DB`' }],
      optional: [],
    };
    expect(renderPartial('environment', view)).toBe('## Environment Variables Verified\n\n### Required\n\n- ❌ `DB`\n');
  });

  it('warnings', () => {
    const view: WarningsView = {
      items: [
        { marker: '1.', text: 'Slow' },
        { marker: '2.', text: 'Old\n   Python' },
      ],
    };
    expect(renderPartial('warnings', view)).toBe('## Warnings (Non-Blocking)\n\n1. Slow\n2. Old\n   Python\n');
  });

  it('commits', () => {
    const view: CommitsView = {
      details: [{ heading: null, lines: ['**Commit Hash:** `abc1234`'], files: ['`a.py` (1 insertion, 0 deletions)'] }],
      gitLog: '```\nabc1234 fix\n```',
    };
    expect(renderPartial('commits', view)).toBe(
      [
        '## Commit Details',
        '',
        '**Commit Hash:** `abc1234`',
        '',
        '**Changes:**',
        '',
        '- `a.py` (1 insertion, 0 deletions)',
        '',
        '**Git Log:**',
        '',
        '```',
        'abc1234 fix',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('timeline, with and without rows', () => {
    const view: TimelineView = {
      timeHeader: 'Time (UTC)',
      rows: [{ time: '17:00', event: 'Crash', status: '🔥' }],
      downtime: '16 min',
      timeToDetect: null,
      timeToMitigate: null,
      timeToRecover: null,
      totals: ['**Total Downtime:** 16 min'],
    };
    expect(renderPartial('timeline', view)).toBe(
      '## Timeline\n\n| Time (UTC) | Event | Status |\n|------|-------|--------|\n| 17:00 | Crash | 🔥 |\n\n**Total Downtime:** 16 min\n',
    );
    expect(renderPartial('timeline', { ...view, rows: [] })).toBe('## Timeline\n\n**Total Downtime:** 16 min\n');
    expect(renderPartial('timeline', { ...view, totals: [] })).toBe(
      '## Timeline\n\n| Time (UTC) | Event | Status |\n|------|-------|--------|\n| 17:00 | Crash | 🔥 |\n',
    );
  });

  it('lessons', () => {
    const view: LessonsView = { uncategorised: ['Plain'], groups: [{ heading: 'Problem', items: ['A', 'B'] }] };
    expect(renderPartial('lessons', view)).toBe('## Lessons Learned\n\n- Plain\n\n### Problem\n\n- A\n- B\n');
  });

  it('prevention', () => {
    const view: PreventionView = {
      rows: [{ item: 'Add CI', kind: 'Prevent', owner: 'unassigned', due: '—', status: 'Open' }],
    };
    expect(renderPartial('prevention', view)).toBe(
      '## Prevention\n\n| Item | Kind | Owner | Due | Status |\n|------|------|-------|-----|--------|\n| Add CI | Prevent | unassigned | — | Open |\n',
    );
  });

  it('next-steps', () => {
    const view: NextStepsView = { items: [{ marker: '1.', text: 'Add Redis — Open' }] };
    expect(renderPartial('next-steps', view)).toBe('## Next Steps\n\n1. Add Redis — Open\n');
  });

  it('metrics', () => {
    const view: MetricsView = { lines: ['**Uptime:** 100%\\', '**Loss:** none'] };
    expect(renderPartial('metrics', view)).toBe('## Success Metrics\n\n**Uptime:** 100%\\\n**Loss:** none\n');
  });

  it('conclusion', () => {
    const view: ConclusionView = { text: 'Fixed.' };
    expect(renderPartial('conclusion', view)).toBe('## Conclusion\n\nFixed.\n');
  });

  it('extra', () => {
    const view: ExtraSectionView = { heading: 'Links', body: '- one' };
    expect(renderPartial('extra', view)).toBe('## Links\n\n- one\n');
  });
});
