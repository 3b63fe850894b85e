import { describe, expect, it } from 'vitest';
import * as api from '../../src/markdown/index.js';
import { classifyHeading, lessonCategory, normaliseHeading, parseMarkdownPostmortem, repairMojibake } from '../../src/markdown/index.js';
import { incidentSchema } from '../../src/record/schema.js';

function parse(text: string, tz?: string) {
  const result = parseMarkdownPostmortem(text, tz ? { fileName: 'test.md', tz } : { fileName: 'test.md' });
  const parsed = incidentSchema.safeParse(result.record);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  return result;
}

describe('public API', () => {
  it('exports the parser, the mojibake repair and the heading helpers', () => {
    expect(Object.keys(api).sort()).toEqual(['classifyHeading', 'lessonCategory', 'normaliseHeading', 'parseMarkdownPostmortem', 'repairMojibake']);
  });
});

describe('heading synonyms', () => {
  it.each([
    ['Summary', 'summary'],
    ['Problem Summary', 'summary'],
    ['What happened?', 'summary'],
    ['📝 Overview', 'summary'],
    ['Description', 'summary'],
    ['Customer Impact', 'impact'],
    ['2. Root Cause(s)', 'factors'],
    ['Root Cause Analysis', 'factors'],
    ['Contributing Factors (findings)', 'factors'],
    ['Cause', 'factors'],
    ['Trigger', 'trigger'],
    ['Solution Implemented', 'solution'],
    ['Resolution', 'solution'],
    ['Fix', 'solution'],
    ['Detection', 'detection'],
    ['Deployment Timeline', 'timeline'],
    ['⏱️ Timeline (UTC)', 'timeline'],
    ['Lessons Learned', 'lessons'],
    ['What went well', 'lesson-category'],
    ['Where we got lucky', 'lesson-category'],
    ['Action Items', 'actions'],
    ['Prevention', 'actions'],
    ['Next Steps (Optional Improvements)', 'actions'],
    ['Follow-up', 'actions'],
    ['Stats', 'metrics'],
    ['Conclusion', 'conclusion'],
    ['Railway Configuration', null],
    ['Attendees', null],
  ])('%s → %s', (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });

  it('normalises case, emoji, numbering and punctuation', () => {
    expect(normaliseHeading('## 3) Root-Cause Analysis 🔍')).toBe('root cause analysis');
    expect(normaliseHeading('IV. Lessons learnt!')).toBe('lessons learnt');
  });

  it('maps the classic lesson categories and keeps others as written', () => {
    expect(lessonCategory('What went well')).toBe('went-well');
    expect(lessonCategory("What didn't go well")).toBe('went-wrong');
    expect(lessonCategory('Where we got lucky')).toBe('lucky');
    expect(lessonCategory('Problem')).toBe('Problem');
  });
});

describe('structure', () => {
  it('reads setext headings and any heading level', () => {
    const { record, report } = parse(
      'Disk full on db-1\n=================\n\nSummary\n-------\n\nThe disk filled up.\n\n#### Impact\n\nWrites failed for 5 minutes.\n',
    );
    expect(record.title).toBe('Disk full on db-1');
    expect(record.summary).toBe('The disk filled up.');
    expect(record.impact).toBe('Writes failed for 5 minutes.');
    expect(report.recognised).toContain('title (h1)');
  });

  it('treats bold-only paragraphs naming a section as headings', () => {
    const { record } = parse(
      '# Cache outage\n\n**Summary**\n\nRedis ran out of memory.\n\n**Timeline**\n\n- 17:00 Alert fired\n- **17:20** Cache restarted, service restored\n\n**What went well:**\n\n- Alerting worked\n',
      'Europe/Berlin',
    );
    expect(record.summary).toBe('Redis ran out of memory.');
    expect(record.timeline).toEqual([]);
    const dated = parse(
      '# Cache outage\n\n**Date:** 2026-03-02\n\n**Timeline**\n\n- 17:00 Alert fired\n- **17:20** Cache restarted, service restored\n',
      'Europe/Berlin',
    );
    expect(dated.record.timeline).toEqual([
      { time: '2026-03-02T17:00:00+01:00', text: 'Alert fired', kind: 'detected', source: 'manual' },
      { time: '2026-03-02T17:20:00+01:00', text: 'Cache restarted, service restored', kind: 'resolved', source: 'manual' },
    ]);
    expect(record.lessons).toEqual([{ text: 'Alerting worked', category: 'went-well' }]);
  });

  it('keeps a bold sentence that names no section as text', () => {
    const { record } = parse('# T\n\n## Summary\n\n**Everything is fine now!**\n\nMore text.\n');
    expect(record.summary).toBe('**Everything is fine now!**\n\nMore text.');
  });

  it('keeps unrecognised sections verbatim, in order, with their sub-sections', () => {
    const { record, report } = parse('# T\n\n## Summary\n\nS.\n\n## Attendees\n\n- AB, CD\n\n### Notes\n\n```\nraw\n```\n');
    expect(record.sections).toEqual([{ heading: 'Attendees', body: '- AB, CD\n\n### Notes\n\n```\nraw\n```', after: 'summary' }]);
    expect(report.keptAsIs).toEqual(['Attendees']);
  });
});

describe('metadata', () => {
  it('reads YAML front matter and bold labels', () => {
    const { record, report } = parse(
      '---\ntitle: Checkout 500s\ndate: 2026-02-03\nseverity: SEV2\nservices: [checkout, payments]\nstatus: in-review\nteam: web\n---\n\n**Owner:** Ada Lovelace, Alan Turing\n\n## Summary\n\nBroken.\n',
    );
    expect(record).toMatchObject({
      id: '2026-02-03-checkout-500s',
      title: 'Checkout 500s',
      severity: 'SEV2',
      services: ['checkout', 'payments'],
      status: 'in-review',
      authors: ['Ada Lovelace', 'Alan Turing'],
      metrics: [{ name: 'team', value: 'web' }],
    });
    expect(report.warnings).toEqual(['front matter "team" has no field of its own; kept as a metric']);
  });

  it('finds the date in a label, the title or the timeline, and not in PM2021-005', () => {
    expect(parse('# Outage\n\nDate: January 5, 2026\n').record.id).toBe('2026-01-05-outage');
    expect(parse('# 2024-07-19 CrowdStrike update\n').record.id).toBe('2024-07-19-2024-07-19-crowdstrike-update');
    expect(parseMarkdownPostmortem('## Summary\n\nx\n', { fileName: 'PM2021-005 - Outage.md' }).record.id).toBe('pm2021-005-outage');
    expect(parse('# Outage\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-06-22 08:21 | CNI replaced |\n').record.id).toBe('2021-06-22-outage');
  });

  it('uses the file name when there is no title', () => {
    expect(parseMarkdownPostmortem('Some text.\n', { fileName: 'notes/db failover.md' }).record.title).toBe('db failover');
  });
});

describe('timeline', () => {
  it('reads tables with a zone in the column title', () => {
    const { record } = parse(
      '# T\n\n## Timeline\n\n| When (UTC+02:00) | What |\n|---|---|\n| 2026-01-05 17:00 | Deploy started |\n| 2026-01-05 17:30 | Mitigated by rollback |\n',
    );
    expect(record.timeline?.map((event) => [event.time, event.kind])).toEqual([
      ['2026-01-05T17:00:00+02:00', 'deploy'],
      ['2026-01-05T17:30:00+02:00', 'mitigated'],
    ]);
  });

  it('reads ### HH:MM headings with the incident date and the zone named in the text', () => {
    const { record } = parse(
      '# T\n\n**Date:** 2026-01-05\n\n## Timeline\n\nAll times in CET.\n\n### 09:15\n\nPager alert for high latency.\n\n### 09:40 Resolved\n\nCache warmed.\n',
    );
    expect(record.timeline).toEqual([
      { time: '2026-01-05T09:15:00+01:00', text: 'Pager alert for high latency.', kind: 'detected', source: 'manual' },
      { time: '2026-01-05T09:40:00+01:00', text: 'Resolved\n\nCache warmed.', kind: 'resolved', source: 'manual' },
    ]);
  });

  it('places unknown times approximately and keeps undated rows as written', () => {
    const { record, report } = parse(
      '# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 2022-06-02 10:00 | Found it |\n| 2022-06-02 HH:mm | Fixed it |\n| 2022-05-?? | Noticed in May |\n',
    );
    expect(record.timeline?.map((event) => [event.time, event.text])).toEqual([
      ['2022-06-02T10:00:00Z', 'Found it'],
      ['2022-06-02T10:00:00Z', 'Fixed it (time approximate: 2022-06-02 HH:mm)'],
    ]);
    expect(record.sections?.[0]?.body).toContain('| 2022-05-?? | Noticed in May |');
    expect(report.warnings).toHaveLength(2);
  });
});

describe('action items', () => {
  it('reads task lists as open and done', () => {
    const { record } = parse(
      '# T\n\n## Action Items\n\n- [ ] Add a disk alert @ops due 2026-02-01\n- [x] Raise the volume size (JIRA OPS-12)\n- Plain follow-up\n',
    );
    expect(record.actions).toEqual([
      { text: 'Add a disk alert @ops due 2026-02-01', status: 'open', owner: 'ops', due: '2026-02-01' },
      { text: 'Raise the volume size (JIRA OPS-12)', status: 'done', tracker: 'OPS-12' },
      { text: 'Plain follow-up', status: 'open' },
    ]);
  });

  it('reads tables with action, owner, ticket, due and status columns', () => {
    const { record } = parse(
      "# T\n\n## Follow-up\n\n| Action | Owner | Ticket | Due | Status | Priority |\n|---|---|---|---|---|---|\n| Add alert | Ada | https://t.example/1 | 2026-02-01 | In progress | P1 |\n| Drop flag | Bob | | soon | Won't do | low |\n",
    );
    expect(record.actions).toEqual([
      { text: 'Add alert', owner: 'Ada', tracker: 'https://t.example/1', due: '2026-02-01', status: 'in-progress', priority: 'high' },
      { text: 'Drop flag (due: soon)', owner: 'Bob', status: 'wont-do', priority: 'low' },
    ]);
  });
});

describe('mojibake', () => {
  it('repairs UTF-8 read as Mac Roman', () => {
    expect(repairMojibake('\u201a\u00fa\u00d6 done')).toBe('\u2705 done');
    expect(repairMojibake('\u201a\u00f6\u2020\u00d4\u220f\u00e8 careful')).toBe('\u26a0\ufe0f careful');
    expect(repairMojibake('\uf8ff\u00fc\u00e9\u00e2 party')).toBe('\ud83c\udf89 party');
  });

  it('repairs UTF-8 read as Windows-1252 or Latin-1', () => {
    expect(repairMojibake('\u00e2\u0153\u2026 ok')).toBe('\u2705 ok');
    expect(repairMojibake('caf\u00c3\u00a9')).toBe('caf\u00e9');
    expect(repairMojibake('\u00e2\u20ac\u201d dash')).toBe('\u2014 dash');
  });

  it('leaves correct text alone', () => {
    const text = 'Caf\u00e9 \u201c\u00c9mile\u201d na\u00efve \u2705 \ud83c\udf89 \u00fcber 5\u00b0C \u2014 Stra\u00dfe';
    expect(repairMojibake(text)).toBe(text);
    expect(repairMojibake('plain ascii')).toBe('plain ascii');
  });
});
