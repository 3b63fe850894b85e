import { describe, expect, it } from 'vitest';
import { type Incident, incidentSchema } from '../../src/record/schema.js';
import { renderIncident } from '../../src/render/render.js';
import { golden } from '../helpers/golden.js';
import { seedIncident } from '../helpers/records.js';

/**
 * Whole documents against golden files in test/golden/. After an intended
 * change, regenerate them with `UPDATE_GOLDEN=1 npx vitest run test/render`
 * and review the diff like any other change.
 */

/** Every Markdown-significant character in the places a renderer can get wrong. */
function hostileIncident(): Incident {
  return incidentSchema.parse({
    id: 'hostile-table-content',
    title: '# <!-- not a comment | pipe `code` #',
    status: 'in-review',
    severity: '> SEV | 1',
    services: ['api|edge', 'a`b'],
    environment: 'prod\nuction',
    authors: ['Ann <ann@example.com>', '1. Bob'],
    times: { started: '2026-03-01T23:50:00+01:00', resolved: '2026-03-02T00:20:00Z' },
    summary: 'Summary with an unclosed fence:\n\n```js\nconst a = 1;',
    factors: [{ text: 'First line\nsecond line | with pipe', tags: ['x'] }],
    trigger: 'A `|` in code and a | outside',
    deployment: [
      { text: 'Step with ``` in detail', status: 'failed', detail: 'echo "```"\n\n```nested```' },
      { text: 'Skipped', status: 'skipped' },
    ],
    evidence: {
      logs: [{ time: '2026-03-01T22:55:00Z', level: 'ERROR', source: 'api|gw', message: 'boom ``` | x', count: 3, last_seen: '2026-03-01T22:58:30Z' }],
      commits: [
        {
          hash: 'abcdef1234567',
          subject: 'fix: handle `|` in <input> names',
          fix: true,
          files: [{ path: 'src/a`b|c.ts', insertions: 1, deletions: 1 }],
          diff: '- a\n+ ```b```',
          diff_language: 'diff extra words',
        },
        { hash: '1234567', subject: 'second fix *bold*', fix: true },
      ],
      checks: [
        { url: 'https://a.example/x?q=1|2', method: 'post', expect: 'no `|` here', result: 'a | b\nsecond line', passed: false, error: 'timeout | after 5s' },
        { url: 'http://b.example/', result: '', passed: true, latency_ms: 4.25 },
        { url: '/relative', passed: false, phase: 'before', status_code: 500 },
      ],
      env: [
        { name: 'A|B', set: false, shape: 'x | y', note: 'multi\nline' },
        { name: '`TICK`', required: false, set: true },
      ],
      warnings: [{ text: 'careful | now', source: 'log\nsource' }],
    },
    timeline: [
      { time: '2026-03-02T00:10:00Z', text: 'pipe | in\nevent', kind: 'resolved' },
      { time: '2026-03-01T23:50:00+01:00', text: '`a|b`', kind: 'started' },
    ],
    lessons: [{ text: 'Lesson one', category: 'problem' }, { text: 'Lesson two', category: 'Problem' }, { text: 'Uncategorised\nmulti-line lesson' }],
    actions: [
      { text: 'Action | pipe', owner: 'team|a', due: '2026-04-01', priority: 'high', status: 'in-progress', tracker: 'OPS-1' },
      { text: 'Low one', priority: 'low', status: 'wont-do', owner: 'bob' },
    ],
    metrics: [{ name: '*Weird* name', value: 'line\nbreak' }],
    sections: [
      { heading: 'After impact', body: 'impact extra', after: 'impact' },
      { heading: 'After summary', body: 'summary extra', after: 'summary' },
      { heading: 'Empty', body: '   ', after: 'lessons' },
      { heading: 'At the end', body: 'end extra' },
      { heading: 'After warnings', body: 'warnings extra', after: 'warnings' },
    ],
    conclusion: 'Done.',
  });
}

function minimalIncident(): Incident {
  return incidentSchema.parse({ id: 'minimal', title: 'Minimal incident' });
}

describe('golden documents', () => {
  const cases: Array<[string, () => Incident]> = [
    ['seed', seedIncident],
    ['minimal', minimalIncident],
    ['hostile', hostileIncident],
  ];

  it.each(cases)('%s matches test/golden/%s.md', (name, make) => {
    const markdown = renderIncident(make());
    golden(name, markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
    expect(markdown).not.toMatch(/\n\n\n/);
  });

  it('draws no empty heading for a record with only an id and a title', () => {
    expect(renderIncident(minimalIncident())).toBe('# Minimal incident\n\n**Status:** Draft\n\n---\n');
  });

  it('has no heading without content under it', () => {
    for (const [, make] of cases) {
      const lines = renderIncident(make()).split('\n');
      lines.forEach((line, index) => {
        const level = /^(#{1,6}) /.exec(line)?.[1]?.length;
        if (!level) return;
        const next = lines.slice(index + 1).find((l) => l.trim() !== '') ?? '';
        const nextLevel = /^(#{1,6}) /.exec(next)?.[1]?.length;
        expect(next !== '' && (nextLevel === undefined || nextLevel > level), `heading "${line}" is empty`).toBe(true);
      });
    }
  });
});
