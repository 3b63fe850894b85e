import { describe, expect, it } from 'vitest';
import { withDerivedFacts } from '../../src/record/derive.js';
import { trendChart } from '../../src/site/chart.js';
import { searchRecords } from '../../src/site/searchRecords.js';
import { excerpt, markUnsearched, nestHeadings, toSiteIncident } from '../../src/site/siteIncident.js';
import type { SiteIncident } from '../../src/site/types.js';
import { actionRefs, board, facetIndex, lessonGroups, slugOf, trend, uniqueSlugs } from '../../src/site/views.js';
import { makeIncident, seedIncident } from '../helpers/records.js';

const site = (overrides: Parameters<typeof makeIncident>[0] = {}): SiteIncident =>
  toSiteIncident(withDerivedFacts(makeIncident(overrides)), { html: '' }).entry;

describe('site incident', () => {
  it('gives the seed its facts, timeline offsets and evidence', () => {
    const { entry, detail } = toSiteIncident(withDerivedFacts(seedIncident()), { html: '<h1>T</h1><h2>Summary</h2>', detailKey: 'k1' });
    expect(entry).toMatchObject({
      startedLabel: '2026-01-05 17:00 UTC',
      year: '2026',
      month: '2026-01',
      downtime: '16 min',
      recoverMinutes: 16,
      detail: 'k1',
    });
    expect(detail.html).toBe('<h3>Summary</h3>');
    expect(detail.timeline[0]).toMatchObject({ label: '17:00', offset: 'start' });
    expect(detail.commits[0]).toMatchObject({ hash: '8ffb275', fix: true });
    expect(detail.checks.length).toBeGreaterThan(0);
  });

  it('keeps HTML-looking text as characters in the excerpt, and nests headings', () => {
    expect(excerpt('**Bold** `<img src=x onerror=alert(1)>`\n\nsecond')).toBe('Bold <img src=x onerror=alert(1)>');
    expect(nestHeadings('<h1>Title</h1>\n<h2>A</h2><p>x</p><h6>B</h6>')).toBe('<h3>A</h3><p>x</p><h6>B</h6>');
  });

  it('keeps evidence sections, lessons, action items and code blocks of the postmortem out of the search index', () => {
    const html =
      '<p>Intro</p><h3>Problem Summary</h3><p>Error: DuplicateTable</p><pre><code>log line</code></pre><h3>Commit Details</h3><p>abc</p><h3>Lessons Learned</h3><p>L</p><h4>Process</h4><p>P</p><h3>Next Steps</h3><p>N</p><h3>Conclusion</h3><p>C</p>';
    expect(markUnsearched(html)).toBe(
      '<p>Intro</p><h3>Problem Summary</h3><p>Error: DuplicateTable</p><pre data-pagefind-ignore><code>log line</code></pre>' +
        '<div data-pagefind-ignore><h3>Commit Details</h3><p>abc</p></div><div data-pagefind-ignore><h3>Lessons Learned</h3><p>L</p><h4>Process</h4><p>P</p></div>' +
        '<div data-pagefind-ignore><h3>Next Steps</h3><p>N</p></div><h3>Conclusion</h3><p>C</p>',
    );
  });
});

describe('list views', () => {
  const incidents = [
    site({ id: 'a', services: ['api', 'db'], tags: ['tls'], severity: 'SEV1', times: { started: '2026-02-01T10:00:00Z', resolved: '2026-02-01T11:00:00Z' } }),
    site({ id: 'b', services: ['api'], tags: [], severity: 'SEV2', times: { started: '2025-12-24T10:00:00Z', resolved: '2025-12-24T10:30:00Z' } }),
  ];

  it('makes one page per facet value, newest first, with unique slugs', () => {
    const { values, pages } = facetIndex(incidents);
    expect(values.service).toEqual([
      { value: 'api', slug: 'api', count: 2 },
      { value: 'db', slug: 'db', count: 1 },
    ]);
    expect(values.year.map((v) => v.value)).toEqual(['2026', '2025']);
    expect(pages.find((p) => p.facet === 'service' && p.value === 'api')?.incidents.map((i) => i.id)).toEqual(['a', 'b']);
    expect(slugOf('Checkout API / EU')).toBe('checkout-api-eu');
    expect([...uniqueSlugs(['A b', 'a-b']).values()]).toEqual(['a-b', 'a-b-2']);
  });

  it('counts incidents per month with the median time to recover', () => {
    const months = trend(incidents, 3);
    expect(months.map((m) => [m.month, m.count, m.medianRecover])).toEqual([
      ['2025-12', 1, 30],
      ['2026-01', 0, null],
      ['2026-02', 1, 60],
    ]);
    const chart = trendChart(months);
    expect(chart.bars).toHaveLength(3);
    expect(chart.recoverLine.split(' ')).toHaveLength(2);
  });

  it('puts overdue items first on the board', () => {
    const refs = actionRefs(
      [
        site({
          id: 'x',
          actions: [
            { id: 1, text: 'later', due: '2026-09-01' },
            { id: 2, text: 'late', due: '2026-01-01' },
            { id: 3, text: 'done', status: 'done', due: '2025-01-01' },
          ],
        }),
      ],
      '2026-01-06',
    );
    expect(refs.map((r) => [r.text, r.overdue])).toEqual([
      ['late', true],
      ['done', false],
      ['later', false],
    ]);
    expect(board(refs).map((c) => [c.status, c.total])).toEqual([
      ['open', 2],
      ['in-progress', 0],
      ['done', 1],
      ['wont-do', 0],
    ]);
  });

  it('groups lessons by tag and service, and makes one search record per distinct lesson, with filters', () => {
    const withLessons = [site({ id: 'l', services: ['auth'], tags: ['tls'], lessons: [{ text: 'Watch expiry', tags: [] }] })];
    expect(lessonGroups(withLessons).map((g) => [g.by, g.key, g.lessons.length])).toEqual([
      ['tag', 'tls', 1],
      ['service', 'auth', 1],
    ]);
    const twice = [
      site({ id: 'new', services: ['api'], times: { started: '2026-03-01T10:00:00Z' }, lessons: [{ text: 'Alerts need owners', tags: [] }] }),
      site({ id: 'old', services: ['db'], times: { started: '2025-03-01T10:00:00Z' }, lessons: [{ text: 'Alerts  need owners', tags: [] }] }),
    ];
    expect(searchRecords(twice).filter((r) => r.filters.type?.[0] === 'lesson')).toEqual([
      {
        url: '/incidents/new/#lesson-1',
        title: 'Lesson: Alerts need owners',
        content: 'Alerts need owners (in 2 incidents)',
        filters: { type: ['lesson'], service: ['api', 'db'], severity: ['SEV2'], year: ['2026', '2025'] },
      },
    ]);
    expect(searchRecords(withLessons)).toContainEqual({
      url: '/incidents/l/#lesson-1',
      title: 'Lesson: Watch expiry',
      content: 'Watch expiry',
      filters: { type: ['lesson'], service: ['auth'], severity: ['SEV2'], year: ['2026'] },
    });
  });
});
