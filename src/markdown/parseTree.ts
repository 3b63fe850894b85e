import { createRequire } from 'node:module';
import type { Root } from 'mdast';

type Micromark = {
  fromMarkdown: typeof import('mdast-util-from-markdown').fromMarkdown;
  options: NonNullable<Parameters<typeof import('mdast-util-from-markdown').fromMarkdown>[1]>;
};

const require = createRequire(import.meta.url);
let micromark: Micromark | null = null;

/**
 * micromark and its extensions, loaded on first use: the import maps most
 * documents with markdown-it (importTree.ts), so its worker threads need not
 * load these modules at all. Built once: the extensions are reused.
 */
function loadMicromark(): Micromark {
  if (micromark) return micromark;
  const { fromMarkdown } = require('mdast-util-from-markdown') as typeof import('mdast-util-from-markdown');
  const { gfmTableFromMarkdown } = require('mdast-util-gfm-table') as typeof import('mdast-util-gfm-table');
  const { gfmTaskListItemFromMarkdown } = require('mdast-util-gfm-task-list-item') as typeof import('mdast-util-gfm-task-list-item');
  const { gfmTable } = require('micromark-extension-gfm-table') as typeof import('micromark-extension-gfm-table');
  const { gfmTaskListItem } = require('micromark-extension-gfm-task-list-item') as typeof import('micromark-extension-gfm-task-list-item');
  micromark = {
    fromMarkdown,
    options: {
      extensions: [gfmTable(), gfmTaskListItem()],
      mdastExtensions: [gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown()],
    },
  };
  return micromark;
}

/**
 * Parses Markdown into an mdast tree with positions: CommonMark plus the two
 * GFM constructs a postmortem's structure needs, tables and task lists. The
 * other GFM extensions (autolink literals, footnotes, strikethrough) change
 * no heading, list or table and would double the parse time of an import;
 * the import reads text from the source by position, so nothing is lost.
 */
export function parseMarkdownTree(source: string): Root {
  const { fromMarkdown, options } = loadMicromark();
  return fromMarkdown(source, options);
}
