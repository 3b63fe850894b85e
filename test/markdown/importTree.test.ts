import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/markdown/frontMatter.js';
import { mapTokens, parseImportTree, splitRow } from '../../src/markdown/importTree.js';
import { repairMojibake } from '../../src/markdown/mojibake.js';
import { plainText, sliceNodes } from '../../src/markdown/outline.js';
import { parseMarkdownPostmortem } from '../../src/markdown/parseMarkdownPostmortem.js';
import { parseMarkdownTree } from '../../src/markdown/parseTree.js';

/**
 * The import parses with markdown-it (src/markdown/importTree.ts) and falls back
 * to micromark (src/markdown/parseTree.ts) for what it cannot map. Both must give
 * the importer the same record and report, file for file.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const fixtureFiles = [
  ...readdirSync(`${FIXTURES}dfds`)
    .filter((name) => name !== 'LICENSE')
    .map((name) => `dfds/${name}`),
  ...readdirSync(`${FIXTURES}markdown`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `markdown/${name}`),
].sort();
const fixtures = fixtureFiles.map((file) => ({ name: file, text: readFileSync(FIXTURES + file, 'utf8') }));

/** Variant `i` of a document, exactly as bench/markdown.js makes its 1,000 files. */
function variant(text: string, i: number): string {
  const shiftYear = i % 7;
  const shiftDay = i % 27;
  const dated = text.replace(/\b(20[12]\d)-(\d\d)-(\d\d)\b/g, (_m, y: string, m: string, d: string) => {
    const day = ((Number(d) - 1 + shiftDay) % 28) + 1;
    return `${Number(y) + shiftYear}-${m}-${String(day).padStart(2, '0')}`;
  });
  if (/^# .+$/m.test(dated)) return dated.replace(/^# (.+)$/m, (_m, title: string) => `# Variant ${i}: ${title.trim()}`);
  if (/^title:\s*.+$/m.test(dated)) return dated.replace(/^title:\s*(.+)$/m, (_m, title: string) => `title: Variant ${i}: ${title.trim()}`);
  return `# Imported postmortem ${i}\n\n${dated}`;
}
const benchSources = fixtures.filter((file) => /^dfds\/PM(?!yyyy)/.test(file.name) || file.name === 'markdown/railway-migration-0021-postmortem.md');
// The first 200 of the bench's 1,000 variants: every source with five title and date shifts
// (all 1,000 take most of a minute under micromark; the rest repeat these shapes).
const VARIANTS = 200;
const variants = Array.from({ length: VARIANTS }, (_, i) => {
  const source = benchSources[i % benchSources.length];
  return { name: `${i}-${source?.name}`, text: variant(source?.text ?? '', i) };
});

/** markdown-it only: fails the test where the document would have fallen back to micromark. */
function mappedOnly(source: string): Root {
  const tree = mapTokens(source);
  if (!tree) throw new Error('markdown-it could not map this document');
  return tree;
}

function importBoth(text: string, fileName: string) {
  return {
    markdownIt: parseMarkdownPostmortem(text, { fileName, parseTree: mappedOnly }),
    micromark: parseMarkdownPostmortem(text, { fileName, parseTree: parseMarkdownTree }),
  };
}

describe('markdown-it import tree', () => {
  it('covers the fixtures and the benchmark corpus', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(42);
    expect(benchSources).toHaveLength(40);
  });

  it.each(fixtures.map((file) => [file.name, file] as const))('imports %s exactly as micromark does', (_name, file) => {
    const { markdownIt, micromark } = importBoth(file.text, file.name.replace(/^.*\//, ''));
    expect(markdownIt).toEqual(micromark);
  });

  it('imports the benchmark variants exactly as micromark does', () => {
    const differing = variants.filter((file) => {
      const { markdownIt, micromark } = importBoth(file.text, file.name);
      return JSON.stringify(markdownIt) !== JSON.stringify(micromark);
    });
    expect(differing.map((file) => file.name)).toEqual([]);
  });

  it.each(fixtures.map((file) => [file.name, file] as const))('gives the importer the same tree for %s', (_name, file) => {
    const source = splitFrontMatter(repairMojibake(file.text)).body;
    expect(importerView(mappedOnly(source), source)).toEqual(importerView(parseMarkdownTree(source), source));
  });
});

/**
 * What src/markdown reads from a tree: block types and offsets at the top level,
 * items of top-level lists with their offsets, check and children, table cells
 * (plain text and source), heading depths, the inline shape of paragraphs (for
 * bold-only headings), and the plain text of everything.
 */
function importerView(tree: Root, source: string): unknown {
  const offsets = (node: Nodes) => [node.position?.start.offset, node.position?.end.offset];
  return tree.children.map((node) => ({
    type: node.type,
    at: offsets(node),
    text: plainText(node),
    ...(node.type === 'heading' ? { depth: node.depth } : {}),
    ...(node.type === 'paragraph'
      ? { inline: node.children.map((child) => [child.type === 'linkReference' ? 'link' : child.type, child.type === 'text' ? child.value : plainText(child)]) }
      : {}),
    ...(node.type === 'list'
      ? {
          items: node.children.map((item) => ({
            at: offsets(item),
            checked: item.checked ?? null,
            children: item.children.map((child) => ({ type: child.type, at: offsets(child), text: plainText(child) })),
          })),
        }
      : {}),
    ...(node.type === 'table'
      ? { rows: node.children.map((row) => row.children.map((cell) => ({ text: plainText(cell), source: sliceNodes(source, cell.children) }))) }
      : {}),
  }));
}

/** Each snippet is imported under every kind of section that reads blocks, and as the preamble. */
function inSections(snippet: string): string {
  const sections = [
    'Summary',
    'Timeline',
    'Contributing Factors',
    'Action Items',
    'Deployment Steps',
    'Lessons Learned',
    'Stats',
    'Warnings',
    'Verification',
    'Notes',
  ];
  return `# Edge case 2024-03-04\n\n${snippet}\n\n${sections.map((heading) => `## ${heading}\n\n${snippet}\n`).join('\n')}`;
}

/** Constructs markdown-it maps itself: the same tree and the same import as micromark. */
const MAPPED: Record<string, string> = {
  'task lists': [
    '- [ ] open',
    '- [x] done',
    '- [X] Done',
    '- [ ]',
    '- [ ] **bold** rest',
    '- [ ]\ttab',
    '- [ ]  two spaces',
    '-',
    '  [ ] on the next line',
    '- [x]',
    '  next line',
    '- [ ] `code`',
    '- [ ]   ',
    '- [x]x',
    '  - [ ] nested',
    '- > [ ] quoted',
    '- [ ] setext',
    '  ---',
    '1. [x] ordered',
    '2. [x] ',
    '   spaces, then the text on the next line',
    '3. [ ]\t',
    '   a tab, then the text on the next line',
    '4. [x]  ',
    '   a hard break after the check',
  ].join('\n'),
  tables: [
    '| Time (UTC) | Event | Owner |',
    '|:--|--:|---|',
    '| 2024-03-04 10:00 | [link](http://x) and `a \\| b` |',
    '| 11:00 | ![img](x.png) | **b** |',
    '|  | empty first |  |',
    '| 12:00 | trailing spaces  |  ',
    '| 13:00 | x \\| y | <b>html</b> |',
    'a row without pipes',
  ].join('\n'),
  'tables without edge pipes, after a paragraph': 'para line\nTime | Event\n--|--\n10:00 | a\n\n  | Endpoint | Result |\n  |---|---|\n  | /health | 200 OK |',
  'tables in list items and before blocks':
    '- x\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n| 3 | 4 |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n  - not a row\n# heading\n\n|||\n|-|-|\n|||',
  headings: 'Setext\n======\n\nSub\n---\n\n# Closed #  \n\n#Not a heading\n\n### \n\n- # H in item\n- ## H2\n  para',
  'nested lists and blank lines':
    '- a\n  - b\n    - c\n  more a\n\n  para a\n- d\n\n  ```js\n  x\n  ```\n\n- e\n+ other list\n\n1. one\n2) two\n\n10. ten\n- \n-\n',
  code: '```\n```\n\n```js title\n  indented\n```\n\n  ```\n  two-indent\n    four\n  ```\n\n    indented\n      more\n\n    after blank\n\n~~~~\ntilde\n~~~~',
  html: '<div>\nhi\n</div>\n\n<!-- comment\n\nstill comment\n-->\n\ntext <b>bold</b> <!-- c -->\n\n<details>\n<summary>S</summary>\n\n- inside\n\n</details>',
  'block quotes': '> quote\n> - list\n> > deep\n\n> lazy\ncontinued',
  inline:
    'Autolink <https://a.b/c%20d> <me@x.org> <javascript:x> &amp; &nbsp; &#35; &#0; &bogus; \\* escaped \\\nhard  \nbreak ![alt *em*](i.png) [a **b**](u "t") `` a`b `` `code\n   span` ` ` `   ` ***both*** _u_ __uu__ *a **b** c* *$*a **→**x a**→** *.*',
  'whitespace before line endings': 'tab\t\nspaces then tab \t \n`code`\t\n**bold**  \t\nend',
  'bold-only headings': '**Timeline:**\n\n__What went well__\n\n*Lessons*:\n\n**Bold** and more',
  'link definitions': "[a]: /x\n[b]: /y 'title'\n\nSee [a] and [text][b] and [b][].\n\n- item\n\n[c]:\n  /z",
};

/** Constructs markdown-it does not map with certainty: those documents are parsed by micromark. */
const FALLBACK: Record<string, string> = {
  'CR line endings': '- a\r\n- b\r\n',
  'an unclosed fence': '```\nunclosed',
  'a fence on a list marker line': '- ```\n  code\n  ```',
  'indented code in a list item': '3. three\n\n       code',
  'a definition in a list item': '- [a]: /x\n  foo',
  'a reference image': '[a]: /x\n\n![alt][a]',
  'a row with more cells than the header': '| a | b |\n|---|---|\n| 1 | 2 | 3 |',
  'an escaped backslash before a pipe': '| a | b |\n|---|---|\n| x \\\\| y |',
  'very deep nesting': `${'>'.repeat(25)} deep`,
  'indented code after a list': '-\n\n    code one\n\n    code two',
  'indented code followed by a line of spaces': '    code\n    \npara',
  'a tab before a hard break': 'text\t  \nnext',
  'a no-break space at a line edge': '# Heading\u00a0\n\n\u00a0text',
  'a header row without pipes': 'a\n|-|\n\nb\n:-:',
  'a table in a block quote': '> | a | b |\n> |---|---|\n> | 1 | 2 |\n| 3 | 4 |',
};

describe('markdown-it import tree on edge cases', () => {
  it.each(Object.entries(MAPPED))('maps %s as micromark parses them', (_name, snippet) => {
    const text = inSections(snippet);
    const { markdownIt, micromark } = importBoth(text, 'edge.md');
    expect(markdownIt).toEqual(micromark);
    expect(importerView(mappedOnly(snippet), snippet)).toEqual(importerView(parseMarkdownTree(snippet), snippet));
  });

  it.each(Object.entries(FALLBACK))('leaves %s to micromark', (_name, snippet) => {
    expect(mapTokens(snippet)).toBeNull();
    const text = inSections(snippet);
    expect(parseMarkdownPostmortem(text, { fileName: 'edge.md' })).toEqual(
      parseMarkdownPostmortem(text, { fileName: 'edge.md', parseTree: parseMarkdownTree }),
    );
    expect(parseImportTree(snippet)).toEqual(parseMarkdownTree(snippet));
  });
});

describe('splitRow', () => {
  it('splits a table row as micromark does, with where each cell starts', () => {
    expect(splitRow('| a | `b \\| c` |  |')).toEqual([
      { text: 'a', start: 2 },
      { text: '`b \\| c`', start: 6 },
      { text: '', start: 18 },
    ]);
    expect(splitRow('a|b\\\\|c')).toEqual([
      { text: 'a', start: 0 },
      { text: 'b\\\\', start: 2 },
      { text: 'c', start: 6 },
    ]);
  });
});
