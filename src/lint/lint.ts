import { parseMarkdownPostmortem } from '../markdown/parseMarkdownPostmortem.js';
import type { ActionItem, Incident } from '../record/schema.js';
import { readTemplateManifest } from '../render/manifest.js';
import { DEFAULT_TEMPLATE, loadTemplate } from '../render/render.js';
import { buildTemplateContext } from '../render/viewModel.js';
import { emptySectionFindings, foundSections, lineAt, type MarkdownDoc, parseDoc, placeholderFindings, sectionAt, tableFindings } from './markdownChecks.js';
import { isPlaceholderValue } from './placeholders.js';
import { hasSection } from './requiredSections.js';
import type { LintFinding, LintOptions } from './types.js';

export type { LintFinding, LintOptions } from './types.js';

/** Options for a Markdown file: the template rules plus the file name (for messages). */
export interface LintMarkdownOptions extends LintOptions {
  fileName?: string;
}

/** Options for an incident: the template rules plus the injected clock (ctx.now) for templates that show it, such as action-review. */
export interface LintIncidentOptions extends LintOptions {
  now?: Date;
  /** The workspace zone: which calendar day "today" is for due dates. Default UTC. */
  zone?: string;
}

/** The sections required: the override (workspace config) or the template's template.yaml. */
export function requiredSectionsFor(options: LintOptions): string[] {
  if (options.requiredSections) return options.requiredSections;
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.templatesDirs ?? []);
  return readTemplateManifest(template.file).requiredSections;
}

/**
 * Lints an incident record and the Markdown its template renders: required
 * sections (as rendered), empty extra sections, open action items without an
 * owner or due date, placeholders left in the record's text, broken tables.
 * Findings name the section or field; no line numbers (the record is not a file).
 */
export function lintIncident(incident: Incident, options: LintIncidentOptions = {}): LintFinding[] {
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.templatesDirs ?? []);
  const rendered = parseDoc(template.render(buildTemplateContext(incident, { now: options.now ?? null, ...(options.zone ? { zone: options.zone } : {}) })));
  const findings: LintFinding[] = [
    ...missingSections(foundSections(rendered), requiredSectionsFor(options)),
    ...incident.sections
      .filter((section) => section.body.trim() === '')
      .map(
        (section): LintFinding => ({
          rule: 'empty-section',
          severity: 'warning',
          message: `section "${section.heading}" is empty (renders nothing)`,
          section: section.heading,
        }),
      ),
    ...emptySectionFindings(rendered).map(withoutLine),
    ...incident.actions.flatMap((action, index) => actionFindings(action, actionLabel(action, index), 'Action items')),
    ...recordPlaceholders(incident),
    ...tableFindings(rendered).map(withoutLine),
  ];
  return sortFindings(dedupe(findings));
}

/**
 * Lints a Markdown postmortem as the import reads it: sections by meaning
 * (headings, bold headings, `**Label:**` lines), empty sections, action items
 * (task lists, lists, tables) without an owner or due date, placeholders
 * outside code, broken tables. Findings carry 1-based lines of `text`.
 */
export function lintMarkdown(text: string, options: LintMarkdownOptions = {}): LintFinding[] {
  const doc = parseDoc(text);
  const { record } = parseMarkdownPostmortem(text, { fileName: options.fileName ?? 'postmortem.md' });
  const present = [...foundSections(doc)];
  if (record.summary) present.push({ heading: 'summary', kind: 'summary' });
  if (record.impact) present.push({ heading: 'impact', kind: 'impact' });
  if (record.trigger) present.push({ heading: 'trigger', kind: 'trigger' });
  const findings: LintFinding[] = [
    ...missingSections(present, requiredSectionsFor(options)),
    ...emptySectionFindings(doc),
    ...(record.actions ?? []).flatMap((action, index) => {
      const where = locate(doc, action.text);
      const label = `action item ${index + 1} "${short(action.text)}"`;
      return actionFindings(
        { owner: action.owner ?? null, due: action.due ?? null, status: action.status ?? 'open' },
        label,
        where === null ? undefined : sectionAt(doc, where),
      ).map((finding) => (where === null ? finding : { ...finding, line: lineAt(text, where) }));
    }),
    ...placeholderFindings(doc),
    ...tableFindings(doc),
  ];
  return sortFindings(dedupe(findings));
}

/**
 * The human text: one finding per line (`label:line: severity message [rule]`,
 * with the section in parentheses), then a summary line.
 */
export function formatFindings(findings: readonly LintFinding[], label: string): string {
  const lines = findings.map((f) => {
    const where = f.line === undefined ? label : `${label}:${f.line}`;
    const section = f.section && !f.message.includes(`"${f.section}"`) ? ` (in "${f.section}")` : '';
    return `${where}: ${f.severity} ${f.message}${section} [${f.rule}]`;
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  lines.push(findings.length === 0 ? `${label}: no problems` : `${label}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function missingSections(present: Parameters<typeof hasSection>[1], required: readonly string[]): LintFinding[] {
  return required
    .filter((name) => !hasSection(name, present))
    .map((name) => ({ rule: 'missing-section', severity: 'error', message: `required section "${name}" is missing` }));
}

type ActionFacts = Pick<ActionItem, 'owner' | 'due' | 'status'>;

/** Open and in-progress items need an owner and a due date; done and won't-do items are history. */
function actionFindings(action: ActionFacts, label: string, section: string | undefined): LintFinding[] {
  if (action.status === 'done' || action.status === 'wont-do') return [];
  const findings: LintFinding[] = [];
  const base = section === undefined ? {} : { section };
  if (isPlaceholderValue(action.owner)) findings.push({ rule: 'action-owner', severity: 'error', message: `${label} has no owner`, ...base });
  if (isPlaceholderValue(action.due)) findings.push({ rule: 'action-due', severity: 'error', message: `${label} has no due date`, ...base });
  return findings;
}

function actionLabel(action: ActionItem, index: number): string {
  return `action ${action.id === null ? index + 1 : `#${action.id}`} "${short(action.text)}"`;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 50 ? `${line.slice(0, 49)}…` : line;
}

/** Where an item's text starts in the document (its first 40 characters), or null. */
function locate(doc: MarkdownDoc, text: string): number | null {
  const probe = text.split('\n')[0]?.slice(0, 40) ?? '';
  if (probe.length < 3) return null;
  const at = doc.source.indexOf(probe);
  return at === -1 ? null : at;
}

/** Placeholders in the record's own text, by field. */
function recordPlaceholders(incident: Incident): LintFinding[] {
  const fields: Array<[string, string | null]> = [
    ['Title', incident.title],
    ['Summary', incident.summary],
    ['Impact', incident.impact],
    ['Trigger', incident.trigger],
    ['Solution', incident.solution],
    ['Conclusion', incident.conclusion],
    ...incident.factors.map((f, i): [string, string] => [`Root cause ${i + 1}`, f.text]),
    ...incident.deployment.map((s, i): [string, string] => [`Deployment step ${i + 1}`, `${s.text}\n\n${s.detail ?? ''}`]),
    ...incident.timeline.map((e): [string, string] => [`Timeline ${e.time}`, e.text]),
    ...incident.lessons.map((l, i): [string, string] => [`Lesson ${i + 1}`, l.text]),
    ...incident.actions.map((a, i): [string, string] => [actionLabel(a, i), `${a.text}\n\n${a.owner ?? ''}`]),
    ...incident.metrics.map((m): [string, string] => [`Metric "${m.name}"`, m.value]),
    ...incident.sections.map((s): [string, string] => [s.heading, `${s.heading}\n\n${s.body}`]),
  ];
  return fields.flatMap(([section, value]) =>
    value ? placeholderFindings(parseDoc(value)).map(({ line: _line, ...finding }) => ({ ...finding, section })) : [],
  );
}

function withoutLine({ line: _line, ...finding }: LintFinding): LintFinding {
  return finding;
}

function dedupe(findings: LintFinding[]): LintFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.message}\0${f.section ?? ''}\0${f.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Errors first, then by line (findings without a line first), keeping rule order otherwise. */
function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || (a.finding.line ?? 0) - (b.finding.line ?? 0) || a.index - b.index)
    .map(({ finding }) => finding);
}

function rank(finding: LintFinding): number {
  return finding.severity === 'error' ? 0 : 1;
}
