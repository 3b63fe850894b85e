import { describe, expect, it } from 'vitest';
import { searchableHtml } from '../../src/site/searchIndex.js';

describe('searchableHtml', () => {
  it('keeps the body without its ignored parts, and moves filters and metadata into an ignored element', () => {
    const page = [
      '<!DOCTYPE html><html lang="en"><head><title>T</title><meta data-pagefind-meta="image[content]" content="/a.png">',
      '<style>p > a { color: red }</style><script>if (a < b) document.write("<p>")</script></head>',
      '<body><header>Site</header><main><article data-pagefind-body> <h1 data-pagefind-meta="title">Disk full</h1>',
      '<div hidden data-pagefind-ignore><span data-pagefind-filter="type">incident</span><span data-pagefind-filter="year">2026</span></div>',
      '<dl data-pagefind-ignore><dt>Status</dt><dd><a href="/x/" title="a > b">draft</a></dd></dl>',
      '<section><h2 id="postmortem">Postmortem</h2><p>The <code>wal</code> volume filled.<br>Fixed.</p>',
      '<pre data-pagefind-ignore><code>&lt;div&gt; log</code></pre><!-- <p data-pagefind-ignore>not a tag</p> --></section>',
      '</article></main><footer><span data-pagefind-filter="team">sre</span></footer></body></html>',
    ].join('');
    expect(searchableHtml(page)).toBe(
      [
        '<html><body><article data-pagefind-body> <h1 data-pagefind-meta="title">Disk full</h1>',
        '<section><h2 id="postmortem">Postmortem</h2><p>The <code>wal</code> volume filled.<br>Fixed.</p></section>',
        '<div data-pagefind-ignore><meta data-pagefind-meta="image[content]" content="/a.png">',
        '<span data-pagefind-filter="type">incident</span><span data-pagefind-filter="year">2026</span>',
        '<span data-pagefind-filter="team">sre</span></div></article></body></html>',
      ].join(''),
    );
  });

  it('drops filters inside data-pagefind-ignore="all", as Pagefind does', () => {
    const page = '<body><div data-pagefind-body>Text<div data-pagefind-ignore="all"><b data-pagefind-filter="x">y</b></div></div></body>';
    expect(searchableHtml(page)).toBe('<html><body><div data-pagefind-body>Text</div></body></html>');
  });

  it('keeps every body of a page', () => {
    const page = '<body><p data-pagefind-body>One</p><p>skipped</p><p data-pagefind-body>Two</p></body>';
    expect(searchableHtml(page)).toBe('<html><body><p data-pagefind-body>One</p><p data-pagefind-body>Two</p></body></html>');
  });

  it('returns a page without data-pagefind-body as it is', () => {
    const page = '<html><body><p data-pagefind-ignore>a</p><p>b</p></body></html>';
    expect(searchableHtml(page)).toBe(page);
  });
});
