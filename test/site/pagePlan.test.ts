import { describe, expect, it } from 'vitest';
import { withDerivedFacts } from '../../src/record/derive.js';
import { pageKey, planPages } from '../../src/site/pagePlan.js';
import { toSiteIncident } from '../../src/site/siteIncident.js';
import type { SiteIncident, SiteSimilar } from '../../src/site/types.js';
import { makeIncident } from '../helpers/records.js';

const link = (id: string): SiteSimilar => ({ id, title: `Title of ${id}`, score: 3, reasons: ['same service: api'] });
const entry = (similar: SiteSimilar[]): SiteIncident => toSiteIncident(withDerivedFacts(makeIncident({ id: '2026-01-01-a' })), { html: '', similar }).entry;

describe('page plan', () => {
  const included = new Set(['2026-01-01-a', '2025-01-01-b', '2024-01-01-c']);
  const base = pageKey('salt', 'digest', entry([link('2025-01-01-b')]), included);

  it('keys a page by the site, the record and the links it shows', () => {
    expect(pageKey('salt', 'digest', entry([link('2025-01-01-b')]), included)).toBe(base);
    expect(pageKey('other salt', 'digest', entry([link('2025-01-01-b')]), included)).not.toBe(base);
    expect(pageKey('salt', 'changed', entry([link('2025-01-01-b')]), included)).not.toBe(base);
    expect(pageKey('salt', 'digest', entry([link('2025-01-01-b'), link('2024-01-01-c')]), included)).not.toBe(base);
  });

  it('changes the key when a linked incident leaves the site, and ignores links never shown', () => {
    expect(pageKey('salt', 'digest', entry([link('2025-01-01-b')]), new Set(['2026-01-01-a']))).not.toBe(base);
    expect(pageKey('salt', 'digest', entry([link('2025-01-01-b'), link('1999-01-01-gone')]), included)).toBe(base);
  });

  it('carries over only pages whose key is unchanged and whose previous file exists', () => {
    const keys = { a: 'k1', b: 'k2', c: 'k3', d: 'k4' };
    const previous = { a: 'k1', b: 'old', c: 'k3', e: 'k5' };
    expect(planPages(keys, previous, (id) => id !== 'c')).toEqual({ keys, carry: ['a'] });
    expect(planPages(keys, {}, () => true).carry).toEqual([]);
  });
});
