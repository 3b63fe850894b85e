import MarkdownIt, { type StateCore } from 'markdown-it';

/**
 * Markdown to safe HTML with markdown-it: one tokenizer pass and a token
 * renderer, with no syntax tree. micromark (which replaced the remark,
 * remark-rehype and rehype-sanitize chain) topped out at about 110 to 130
 * pages a second, under issue 4's 200; markdown-it makes the same safe HTML
 * several times faster. Incident text is untrusted, so:
 * - `html: false`: raw HTML (`<script>`, `<img onerror=...>`, in a paragraph,
 *   a heading, a table cell or a block of its own) is escaped and shown as
 *   the text it is, never dropped and never run;
 * - every link, image, autolink and reference definition URL passes
 *   `validateLink`, here an allow list rather than markdown-it's deny list:
 *   http, https, mailto, xmpp, irc, ircs or a relative path (images: http,
 *   https or relative); anything else (`javascript:`, `vbscript:`, `file:`,
 *   every `data:`) becomes an empty `href`/`src`, or stays text where it
 *   would have been an autolink or a definition. The URL is checked after
 *   entities are decoded and after percent-encoding, so `java&#x09;script:`
 *   cannot slip through;
 * - attribute values and code-fence languages are entity-encoded by the
 *   renderer.
 * GFM: tables and `~~strikethrough~~` are built in; autolink literals come
 * from linkify, limited to what GitHub links (URLs with a scheme, `www.`
 * hosts, e-mail addresses; not bare `README.md` or `main.py`); task-list items
 * become disabled checkboxes through the small rule below. Footnotes are not
 * supported and stay text.
 */
const SAFE_PROTOCOL = /^(?:https?|ircs?|mailto|xmpp)$/i;
const SAFE_IMAGE_PROTOCOL = /^https?$/i;
/** The scheme of a URL: everything before a colon that comes before any `/`, `?` or `#`. */
const SCHEME = /^([^:/?#]*):/;

function hasSafeProtocol(url: string, allowed: RegExp): boolean {
  const scheme = SCHEME.exec(url);
  return scheme === null || allowed.test(scheme[1] ?? '');
}

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
md.validateLink = (url) => hasSafeProtocol(url, SAFE_PROTOCOL);

// Autolink literals as GitHub makes them: no fuzzy `host.tld` links, but `www.` hosts; no `ftp:` or `//`.
const linkifyRe = md.linkify.re as unknown as Record<string, string>;
md.linkify
  .set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false })
  .add('ftp:', null)
  .add('//', null)
  .add('www.', {
    validate: new RegExp(`^${linkifyRe.src_host_port_strict}${linkifyRe.src_path}`, 'i'),
    normalize: (match) => {
      match.url = `http://${match.url}`;
    },
  });

// Images keep only http, https or relative sources.
const renderImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && !hasSafeProtocol(token.attrGet('src') ?? '', SAFE_IMAGE_PROTOCOL)) token.attrSet('src', '');
  return renderImage ? renderImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
};

// Task-list items (`- [ ] text`, `- [x] text`) as disabled checkboxes. The input tag is a constant, never incident text.
const TASK = /^\[([ xX])\][ \t]/;
const UNCHECKED = '<input type="checkbox" disabled="" />';
const CHECKED = '<input type="checkbox" disabled="" checked="" />';
md.core.ruler.push('task_list_items', (state: StateCore) => {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline?.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open' || tokens[i - 2]?.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const mark = TASK.exec(inline.content);
    if (!mark || first?.type !== 'text' || !TASK.test(first.content)) continue;
    first.content = first.content.slice(3);
    const checkbox = new state.Token('html_inline', '', 0);
    checkbox.content = mark[1] === ' ' ? UNCHECKED : CHECKED;
    inline.children?.unshift(checkbox);
  }
});

/** The body HTML of a Markdown document, safe to embed in a page. */
export function markdownToSafeHtml(markdown: string): string {
  return md.render(markdown);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --code: #151b23; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1, h2, h3 { line-height: 1.25; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2rem; }
table { border-collapse: collapse; display: block; overflow-x: auto; } th, td { border: 1px solid var(--line); padding: .35rem .7rem; text-align: left; vertical-align: top; }
code, pre { font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--code); border-radius: 6px; }
code { padding: .1rem .3rem; } pre { padding: 1rem; overflow-x: auto; } pre code { padding: 0; }
a { color: #0969da; } @media (prefers-color-scheme: dark) { a { color: #4493f8; } }
hr { border: 0; border-top: 1px solid var(--line); }
`;

/** A whole page: title, a small stylesheet that follows the system's dark mode, the safe body. */
export function renderHtmlPage(markdown: string, title: string): string {
  const escapedTitle = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapedTitle}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${markdownToSafeHtml(markdown)}
</main>
</body>
</html>
`;
}
