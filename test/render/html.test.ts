import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../src/record/schema.js';
import { markdownToSafeHtml, renderHtmlPage } from '../../src/render/html.js';
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
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('is a standalone page with the tables and code of the postmortem', () => {
    const page = renderHtmlPage(renderIncident(seedIncident()), 'Seed');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('prefers-color-scheme: dark');
    expect(page.match(/<table>/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).toContain('<code class="language-python">');
    expect(page).toContain('8ffb275');
  });

  it('shows raw HTML in a field as text, with no live tag or attribute', () => {
    const incident = incidentSchema.parse({
      id: 'img',
      title: 'Image',
      summary: 'Broken: <img src=x onerror=alert(1)>',
      impact: '<svg/onload=alert(2)> <details open ontoggle=alert(3)>',
    });
    const page = renderHtmlPage(renderIncident(incident), incident.title);
    expect(page).not.toMatch(/<(img|svg|details)\b/i);
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
    expect(page).toContain('Broken: &lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['mixed case', '[x](JaVaScRiPt:alert(1))'],
    ['an encoded tab', '[x](java&#x09;script:alert(1))'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['a reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['an autolink', '<javascript:alert(1)>'],
  ])('drops a %s URL but keeps the text', (_, markdown) => {
    const html = markdownToSafeHtml(markdown);
    // markdown-it leaves a link or image with a refused URL as the text it was written as (an inline
    // image's `data:` may still become `<img src="">`); either way no URL attribute survives.
    expect(html).not.toMatch(/(href|src)="(?!")/);
    expect(html).not.toMatch(/<a\b(?![^>]*href="")/);
    expect(html).not.toMatch(/<img\b(?![^>]*src="")/);
    expect(html.replace(/<[^>]*>/g, '')).toMatch(/\bx\b|alert\(1\)/);
  });

  it('leaves refused links as visible text', () => {
    expect(markdownToSafeHtml('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
    expect(markdownToSafeHtml('<javascript:alert(1)>')).toBe('<p>&lt;javascript:alert(1)&gt;</p>\n');
  });

  it.each([
    ['file:', '[x](file:///etc/passwd)'],
    ['a data: png image', '![x](data:image/png;base64,iVBORw0KGgo=)'],
    ['a mailto: image', '![x](mailto:a@example.com)'],
    ['an unknown scheme', '[x](foo:bar)'],
    ['an entity-encoded scheme', '[x](&#106;avascript:alert(1))'],
    ['a tab inside angle brackets', '[x](<java\tscript:alert(1)>)'],
  ])('refuses %s', (_, markdown) => {
    expect(markdownToSafeHtml(markdown)).not.toMatch(/(href|src)="(?!")/);
  });

  it('renders task-list items as disabled checkboxes', () => {
    expect(markdownToSafeHtml('- [ ] open\n- [x] done\n- \\[ ] escaped')).toBe(
      '<ul>\n<li><input type="checkbox" disabled="" /> open</li>\n<li><input type="checkbox" disabled="" checked="" /> done</li>\n<li>[ ] escaped</li>\n</ul>\n',
    );
  });

  it('keeps safe links and relative paths', () => {
    const html = markdownToSafeHtml('[a](https://status.example.com/x?y=1) [b](/runbooks/db.md) [c](mailto:oncall@example.com)');
    expect(html).toBe('<p><a href="https://status.example.com/x?y=1">a</a> <a href="/runbooks/db.md">b</a> <a href="mailto:oncall@example.com">c</a></p>\n');
  });

  it('escapes HTML in table cells and keeps the table whole', () => {
    const html = markdownToSafeHtml('| Check | Result |\n|---|---|\n| <img src=x onerror=alert(1)> | <a href="javascript:x">y</a> \\| z |\n| `<b>` | **ok** |');
    expect(html).not.toMatch(/<(img|a|b)\b/);
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td>&lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt; | z</td>');
    expect(html).toContain('<td><code>&lt;b&gt;</code></td>');
  });

  it('links autolinks and bare URLs, and encodes attribute values', () => {
    const html = markdownToSafeHtml('<https://example.com/a> www.example.com and oncall@example.com\n\n```js" onmouseover="x\ncode\n```');
    expect(html).toContain('<a href="https://example.com/a">https://example.com/a</a>');
    expect(html).toContain('<a href="http://www.example.com">www.example.com</a>');
    expect(html).toContain('<a href="mailto:oncall@example.com">oncall@example.com</a>');
    expect(html).toContain('<code class="language-js&quot;">');
  });

  it('links bare URLs only as GitHub does: not file names with a country-code ending', () => {
    const html = markdownToSafeHtml('see README.md, main.py and www.example.com/a?b=1.');
    expect(html).toBe('<p>see README.md, main.py and <a href="http://www.example.com/a?b=1">www.example.com/a?b=1</a>.</p>\n');
  });

  it('keeps raw HTML blocks as text', () => {
    // markdown-it wraps the escaped block in a paragraph; micromark did not.
    expect(markdownToSafeHtml('<div onclick="x">\nblock\n</div>')).toBe('<p>&lt;div onclick=&quot;x&quot;&gt;\nblock\n&lt;/div&gt;</p>\n');
  });
});
