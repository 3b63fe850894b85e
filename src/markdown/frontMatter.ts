import yaml from 'js-yaml';

/** A leading YAML block split from the Markdown after it. */
export interface FrontMatter {
  /** The parsed mapping, or null when there is none (or it is not a mapping). */
  data: Record<string, unknown> | null;
  /** The Markdown after the block (the whole text when there is none). */
  body: string;
  warnings: string[];
}

const BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Splits a leading `---` YAML block (js-yaml CORE_SCHEMA: dates stay strings)
 * from the Markdown. A block that is not a YAML mapping is left in the body.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) return { data: null, body: text, warnings: [] };
  try {
    const data = yaml.load(match[1] ?? '', { schema: yaml.CORE_SCHEMA });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return { data: null, body: text, warnings: [] };
    return { data: data as Record<string, unknown>, body: text.slice(match[0].length), warnings: [] };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { data: null, body: text, warnings: [`front matter is not valid YAML (${reason}); it was read as Markdown`] };
  }
}
