import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtmlPage } from '../../src/render/html.js';

const dfds = fileURLToPath(new URL('../fixtures/dfds/', import.meta.url));
const golden = fileURLToPath(new URL('../golden/', import.meta.url));

/** Real postmortems: a few from the dfds corpus (one with footnotes, one with many tables) and the golden renders of the seed and the hostile incident. */
const documents = [
  path.join(dfds, 'PM2021-011 - Log4Shell.md'),
  path.join(dfds, 'PM2022-001 - Prometheus is down with connection refused errors.md'),
  path.join(dfds, 'PM2025-002 - Traefik rule preventing some inbound traffic.md'),
  path.join(dfds, 'PMyyyy-nnn - Postmortem template.md'),
  path.join(golden, 'seed.md'),
  path.join(golden, 'sre-seed.md'),
  path.join(golden, 'hostile.md'),
];

describe('HTML of real postmortems', () => {
  it.each(documents.map((file) => [path.basename(file), file]))('%s has no live script, handler or javascript: URL', (_, file) => {
    const page = renderHtmlPage(fs.readFileSync(file, 'utf8'), path.basename(file));
    expect(page).toMatch(/<h[12]>/);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(page).not.toMatch(/\s(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i);
    // Every tag in the body is one markdown-it writes, so no tag came from the text.
    const body = page.slice(page.indexOf('<main>'));
    for (const [tag] of body.matchAll(/<\/?([a-z][a-z0-9]*)/gi)) {
      expect(tag.replace(/^<\/?/, '')).toMatch(
        /^(main|body|html|h[1-6]|p|a|em|strong|s|code|pre|ul|ol|li|blockquote|hr|br|table|thead|tbody|tr|th|td|img|input)$/,
      );
    }
  });
});
