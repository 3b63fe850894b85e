import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../src/record/schema.js';
import { renderHtmlPage } from '../../src/render/html.js';
import { renderIncident } from '../../src/render/render.js';
import { seedIncident } from '../helpers/records.js';

const hostile = incidentSchema.parse({
  id: 'hostile',
  title: 'XSS <script>alert(1)</script>',
  summary: 'Look: <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and <script>alert(2)</script>',
  factors: [{ text: '<a href="javascript:alert(3)" onclick="alert(4)">link</a>' }],
  evidence: { checks: [{ url: 'https://x.example/<svg onload=alert(5)>', passed: false, result: '<iframe src="javascript:alert(6)">' }] },
});

describe('HTML rendering', () => {
  it('shows hostile incident text as text and runs nothing', () => {
    const page = renderHtmlPage(renderIncident(hostile), hostile.title);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<iframe/i);
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
    expect(page).not.toMatch(/<a[^>]*href="javascript:/i);
    expect(page).toContain('<title>XSS &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    // Shown as text, not dropped.
    expect(page).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(page).toContain('&#x3C;script>alert(2)&#x3C;/script>');
  });

  it('is a standalone page with the tables and code of the postmortem', () => {
    const page = renderHtmlPage(renderIncident(seedIncident()), 'Seed');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('prefers-color-scheme: dark');
    expect(page.match(/<table>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).toContain('<code class="language-python">');
    expect(page).toContain('8ffb275');
  });
});
