import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';

// Built once: the extension objects are reused for every document.
const options = {
  extensions: [gfmTable(), gfmTaskListItem()],
  mdastExtensions: [gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
};

/**
 * Parses Markdown into an mdast tree with positions: CommonMark plus the two
 * GFM constructs a postmortem's structure needs, tables and task lists. The
 * other GFM extensions (autolink literals, footnotes, strikethrough) change
 * no heading, list or table and would double the parse time of an import;
 * the import reads text from the source by position, so nothing is lost.
 */
export function parseMarkdownTree(source: string): Root {
  return fromMarkdown(source, options);
}
