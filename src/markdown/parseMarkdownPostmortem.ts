import type { Root, RootContent } from 'mdast';
import { slugify } from '../incidents/slug.js';
import { INCIDENT_STATUSES, type IncidentInput, type SectionKey } from '../record/schema.js';
import { parseActions } from './actions.js';
import { labelLines, parseDeployment, parseFactors, parseListItems, parseMetrics } from './blocks.js';
import { type CheckInput, checksFromTable, findBaseUrl } from './checks.js';
import { findDate } from './dates.js';
import { splitFrontMatter } from './frontMatter.js';
import { classifyHeading, lessonCategory, type SectionKind } from './headingKind.js';
import { parseImportTree } from './importTree.js';
import { parseLessons } from './lessons.js';
import { repairMojibake } from './mojibake.js';
import { buildOutline, hasRecognised, type OutlineSection, sliceNodes } from './outline.js';
import { parseTimeline } from './timeline.js';

/** Options: the file name (for the title fallback and messages) and the default zone. */
export interface MarkdownImportOptions {
  fileName: string;
  /** Zone for times written without one: an IANA name or an offset. Default UTC. */
  tz?: string;
  /** The Markdown parser; tests pass micromark's to compare. Default: markdown-it, micromark where it cannot map a document. */
  parseTree?: (source: string) => Root;
}

/** What the import understood, what it kept verbatim, and what it had to guess. */
export interface MarkdownImportReport {
  recognised: string[];
  keptAsIs: string[];
  warnings: string[];
}

/** The record read from one file, and the report on how it was read. */
export interface MarkdownImport {
  record: IncidentInput;
  report: MarkdownImportReport;
}

const SECTION_KEY: Record<SectionKind, SectionKey> = {
  summary: 'summary',
  impact: 'impact',
  factors: 'factors',
  trigger: 'factors',
  solution: 'solution',
  detection: 'impact',
  timeline: 'timeline',
  lessons: 'lessons',
  'lesson-category': 'lessons',
  actions: 'next-steps',
  deployment: 'deployment',
  warnings: 'warnings',
  metrics: 'metrics',
  conclusion: 'conclusion',
};

type TextField = 'summary' | 'impact' | 'trigger' | 'solution' | 'conclusion';

interface State {
  source: string;
  record: IncidentInput & Required<Pick<IncidentInput, 'factors' | 'sections' | 'timeline' | 'lessons' | 'actions' | 'metrics' | 'deployment'>>;
  report: MarkdownImportReport;
  date: string | null;
  zone: string;
  after: SectionKey | null;
  warningsEvidence: Array<{ text: string; source: string | null }>;
  /** Endpoint checks read from verification tables. */
  checks: CheckInput[];
  /** A base URL the document names, for relative endpoint paths. */
  baseUrl: string | null;
}

/**
 * Reads a Markdown postmortem into an incident record. Pure: text in, record and
 * report out. Sections are matched by meaning; anything not understood is kept
 * verbatim in `sections`, so nothing is lost.
 */
export function parseMarkdownPostmortem(text: string, options: MarkdownImportOptions): MarkdownImport {
  const repaired = repairMojibake(text);
  const report: MarkdownImportReport = { recognised: [], keptAsIs: [], warnings: [] };
  if (repaired !== text) report.recognised.push('mojibake repaired');
  const front = splitFrontMatter(repaired);
  report.warnings.push(...front.warnings);
  const source = front.body;
  const tree = (options.parseTree ?? parseImportTree)(source);
  const outline = buildOutline(tree);
  const state: State = {
    source,
    record: { id: 'incident', title: 'Untitled', factors: [], sections: [], timeline: [], lessons: [], actions: [], metrics: [], deployment: [] },
    report,
    date: null,
    zone: options.tz ?? 'UTC',
    after: null,
    warningsEvidence: [],
    checks: [],
    baseUrl: findBaseUrl(source),
  };
  const fm = front.data ?? {};
  applyFrontMatter(fm, state);

  const fileTitle = options.fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(md|markdown|txt)$/i, '')
    .trim();
  const title = asText(fm['title']) ?? outline.title ?? fileTitle;
  state.record.title = title || 'Untitled';
  report.recognised.push(asText(fm['title']) ? 'title (front matter)' : outline.title ? 'title (h1)' : 'title (file name)');

  const preambleText = readPreamble(outline.preamble, state);
  state.date ??= findDate(title) ?? findDate(fileTitle);
  if (state.date === null) {
    const timeline = findSection(outline.sections, (section) => classifyHeading(section.heading) === 'timeline');
    if (timeline) state.date = findDate(source.slice(timeline.contentStart, timeline.end));
  }
  if (state.date === null) {
    const summary = findSection(outline.sections, (section) => classifyHeading(section.heading) === 'summary');
    if (summary) state.date = findDate(source.slice(summary.contentStart, summary.end));
  }
  if (state.date) report.recognised.push(`date ${state.date}`);
  else report.warnings.push('no incident date found; times without a date cannot be placed');

  for (const section of outline.sections) processSection(section, state);

  if (preambleText) {
    if (state.record.summary) keep('Introduction', preambleText, state, null);
    else {
      state.record.summary = preambleText;
      report.recognised.push('summary (text before the first section)');
    }
  }
  if (state.warningsEvidence.length > 0 || state.checks.length > 0) {
    state.record.evidence = {
      ...(state.warningsEvidence.length > 0 ? { warnings: state.warningsEvidence } : {}),
      ...(state.checks.length > 0 ? { checks: state.checks } : {}),
    };
  }
  state.record.id = slugify(state.record.title, state.date);
  return { record: state.record, report };
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return null;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((item): item is string => item !== null);
  const text = asText(value);
  return text
    ? text
        .split(/\s*(?:,|;|&|\band\b)\s*/)
        .map((item) => item.trim())
        .filter(Boolean)
    : [];
}

function applyField(name: string, value: unknown, state: State, origin: string): boolean {
  const key = name
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  const text = asText(value);
  const record = state.record;
  if (/^(date|incident date|date of incident|occurred|started)$/.test(key)) {
    const date = text ? findDate(text) : null;
    if (date) {
      state.date ??= date;
      return true;
    }
    return false;
  }
  if (key === 'title') return text !== null;
  if (key === 'status') {
    const status = INCIDENT_STATUSES.find((candidate) => text?.toLowerCase().replace(/\s+/g, '-') === candidate);
    if (status) record.status = status;
    return status !== undefined;
  }
  if (/^(severity|sev|impact level)$/.test(key) && text) record.severity = text;
  else if (/^(owner|owners|author|authors|engineer|engineers|written by|incident commander)$/.test(key))
    record.authors = [...(record.authors ?? []), ...asList(value)];
  else if (/^(service|services|affected services?|components?|systems?)$/.test(key)) record.services = [...(record.services ?? []), ...asList(value)];
  else if (/^(environment|env)$/.test(key) && text) record.environment = text;
  else if (/^(tags?|labels?|category)$/.test(key)) record.tags = [...(record.tags ?? []), ...asList(value)];
  else if (/^(summary|impact|trigger)$/.test(key) && text) record[key as TextField] = text;
  else return false;
  state.report.recognised.push(`${key} (${origin})`);
  return true;
}

function applyFrontMatter(data: Record<string, unknown>, state: State): void {
  for (const [name, value] of Object.entries(data)) {
    if (name.toLowerCase() === 'id') continue;
    if (!applyField(name, value, state, 'front matter')) {
      const text = asText(value) ?? JSON.stringify(value);
      if (text) state.record.metrics.push({ name, value: text });
      state.report.warnings.push(`front matter "${name}" has no field of its own; kept as a metric`);
    }
  }
}

/** Label paragraphs before the first section (`**Date:** ...`) set fields; other text is returned. */
function readPreamble(nodes: RootContent[], state: State): string {
  const kept: RootContent[] = [];
  for (const node of nodes) {
    if (node.type === 'thematicBreak') continue;
    const labels = node.type === 'paragraph' ? labelLines(sliceNodes(state.source, [node])) : null;
    if (!labels) {
      kept.push(node);
      continue;
    }
    for (const label of labels) {
      if (!applyField(label.name, label.value, state, 'label')) state.record.metrics.push({ name: label.name, value: label.value });
    }
  }
  return kept
    .map((node) => sliceNodes(state.source, [node]))
    .join('\n\n')
    .trim();
}

function findSection(sections: OutlineSection[], test: (section: OutlineSection) => boolean): OutlineSection | null {
  for (const section of sections) {
    if (test(section)) return section;
    const found = findSection(section.children, test);
    if (found) return found;
  }
  return null;
}

function keep(heading: string, body: string, state: State, after: SectionKey | null): void {
  state.record.sections.push({ heading, body, after });
  state.report.keptAsIs.push(heading);
}

/**
 * The section's own Markdown plus its sub-sections that name no known kind;
 * known ones are processed on their own. Endpoint verification tables become
 * evidence checks and are left out of the text.
 */
function gather(section: OutlineSection, state: State): string {
  const own = state.source.slice(section.contentStart, section.children[0]?.start ?? section.end).trim();
  const parts = own ? [own] : [];
  const holders: Array<{ heading: string; section: OutlineSection | null; nodes: RootContent[] }> = [
    { heading: section.heading, section: null, nodes: section.content },
  ];
  for (const child of section.children) {
    if (hasRecognised(child)) processSection(child, state);
    else {
      parts.push(state.source.slice(child.start, child.end).trim());
      holders.push(...subtreeContent(child, section.heading));
    }
  }
  let text = parts.join('\n\n');
  const cut = (piece: string) => {
    const at = text.indexOf(piece);
    if (at !== -1) text = `${text.slice(0, at).trimEnd()}\n\n${text.slice(at + piece.length).trimStart()}`.trim();
  };
  for (const holder of holders) {
    for (const node of holder.nodes) {
      if (node.type !== 'table') continue;
      const checks = checksFromTable(node, state.source, { phase: /\bbefore\b/i.test(holder.heading) ? 'before' : 'after', baseUrl: state.baseUrl });
      if (!checks) continue;
      state.checks.push(...checks);
      state.report.recognised.push(`checks ("${holder.heading.replace(/^[\s\S]*\n/, '')}": ${checks.length})`);
      cut(sliceNodes(state.source, [node]));
      // A sub-section left with a sentence or two loses its heading: the checks table takes its place.
      const sub = holder.section;
      if (sub && sub.children.length === 0 && holder.nodes.every((other) => other === node || other.type === 'paragraph')) {
        cut(state.source.slice(sub.start, sub.contentStart));
      }
    }
  }
  return text;
}

/** Content nodes of a section and its sub-sections, each with its heading path (for the phase). */
function subtreeContent(section: OutlineSection, parent: string): Array<{ heading: string; section: OutlineSection; nodes: RootContent[] }> {
  const heading = `${parent}\n${section.heading}`;
  return [{ heading, section, nodes: section.content }, ...section.children.flatMap((child) => subtreeContent(child, heading))];
}

function setText(field: TextField, value: string, state: State): void {
  if (!value) return;
  const current = state.record[field];
  state.record[field] = current ? `${current}\n\n${value}` : value;
}

function keepLeftover(section: OutlineSection, leftover: string[], state: State, key: SectionKey): void {
  const body = leftover.filter(Boolean).join('\n\n').trim();
  if (body) keep(section.heading, body, state, key);
}

function processSection(section: OutlineSection, state: State): void {
  const kind = classifyHeading(section.heading);
  const { source, record, report } = state;
  if (kind === null) {
    const checksBefore = state.checks.length;
    const body = gather(section, state);
    // A section whose endpoint table became checks is shown with them (the record's verification).
    const found = state.checks.length > checksBefore;
    if (body || (section.children.length === 0 && !found)) keep(section.heading, body, state, found ? 'verification' : state.after);
    return;
  }
  const key = SECTION_KEY[kind];
  switch (kind) {
    case 'summary':
    case 'impact':
    case 'trigger':
    case 'solution':
    case 'conclusion':
      setText(kind, gather(section, state), state);
      report.recognised.push(`${kind} ("${section.heading}")`);
      break;
    case 'detection':
      keep(section.heading, gather(section, state), state, 'impact');
      report.recognised.push(`detection ("${section.heading}", kept as a section: the record has no detection field)`);
      break;
    case 'factors': {
      const result = parseFactors(section, source);
      record.factors.push(...result.items);
      report.recognised.push(`factors ("${section.heading}": ${result.items.length})`);
      keepLeftover(section, result.leftover, state, key);
      break;
    }
    case 'deployment': {
      const result = parseDeployment(section, source);
      record.deployment.push(...result.items);
      report.recognised.push(`deployment ("${section.heading}": ${result.items.length} steps)`);
      keepLeftover(section, result.leftover, state, key);
      break;
    }
    case 'warnings': {
      const result = parseListItems(section, source);
      state.warningsEvidence.push(...result.items.map((text) => ({ text, source: null })));
      report.recognised.push(`warnings ("${section.heading}": ${result.items.length})`);
      keepLeftover(section, result.leftover, state, key);
      break;
    }
    case 'metrics': {
      const result = parseMetrics(section, source);
      record.metrics.push(...result.items);
      for (const metric of result.items) if (/^category$/i.test(metric.name)) record.tags = [...(record.tags ?? []), metric.value];
      report.recognised.push(`metrics ("${section.heading}": ${result.items.length})`);
      keepLeftover(section, result.leftover, state, key);
      break;
    }
    case 'timeline': {
      const result = parseTimeline(section, { source, date: state.date, zone: state.zone });
      record.timeline.push(...result.events);
      report.warnings.push(...result.warnings);
      report.recognised.push(`timeline ("${section.heading}": ${result.events.length} events)`);
      // `**Total Downtime:** 16 minutes` under a timeline is a metric.
      const leftover = result.leftover.filter((chunk) => {
        const labels = labelLines(chunk);
        for (const label of labels ?? []) record.metrics.push({ name: label.name, value: label.value });
        return labels === null;
      });
      keepLeftover(section, leftover, state, key);
      break;
    }
    case 'lessons':
    case 'lesson-category': {
      const category = kind === 'lesson-category' ? lessonCategory(section.heading) : null;
      const result = parseLessons(section, source, category);
      record.lessons.push(...result.lessons);
      report.recognised.push(`lessons ("${section.heading}": ${result.lessons.length})`);
      keepLeftover(section, result.leftover, state, key);
      break;
    }
    case 'actions': {
      const result = parseActions(section, source);
      record.actions.push(...result.actions);
      report.warnings.push(...result.warnings);
      report.recognised.push(`actions ("${section.heading}": ${result.actions.length})`);
      keepLeftover(section, result.leftover, state, /prevent/i.test(section.heading) ? 'prevention' : key);
      break;
    }
  }
  state.after = key;
}
