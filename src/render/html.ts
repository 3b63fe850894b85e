import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Markdown to a standalone, safe HTML page. Incident text is untrusted: raw
 * HTML in it becomes text (escaped on output) and the tree is sanitised with
 * GitHub's schema (which also drops `javascript:` links), so `<script>` or
 * `onerror=` show as the text they are and never run.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(rawHtmlAsText).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

type Node = { type: string; value?: string; children?: Node[] };

/** Raw HTML written in incident text is shown as the text it is, not dropped and never run. */
function rawHtmlAsText() {
  const walk = (node: Node): void => {
    if (node.type === 'html') node.type = 'text';
    for (const child of node.children ?? []) walk(child);
  };
  return (tree: Node) => walk(tree);
}

/** The body HTML of a Markdown document, sanitised. */
export function markdownToSafeHtml(markdown: string): string {
  return String(processor.processSync(markdown));
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

/** A whole page: title, a small stylesheet that follows the system's dark mode, the sanitised body. */
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
