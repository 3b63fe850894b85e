import { localDate } from '../actions/dates.js';
import { normaliseHeading } from '../markdown/headingKind.js';
import { type Durations, deriveDurations } from '../record/durations.js';
import type {
  ActionItem,
  Commit,
  DeploymentStep,
  EndpointCheck,
  EnvCheck,
  ExtraSection,
  Incident,
  LogEvent,
  SectionKey,
  TimelineEvent,
} from '../record/schema.js';
import { formatDuration } from '../record/time.js';
import { escapeInline, fencedBlock, indentBlock, indentContinuation, inlineCode, nestHeadings, normalizeBlock, oneLine, tableCell } from './markdown.js';
import {
  type ActionItemsView,
  buildActionItems,
  buildDetection,
  buildOutcomes,
  buildReview,
  buildUpdate,
  type DetectionView,
  isDetectionSection,
  type OutcomeLessonsView,
  type ReviewView,
  type UpdateView,
} from './templateViews.js';

/**
 * The template view model: everything a postmortem template may show,
 * precomputed and escaped for where it lands. Templates only test (`{{#if}}`),
 * loop (`{{#each}}`) and include partials. Every key is always present
 * (`null` or `[]` when absent) because templates run in strict mode; a section
 * is `null` when the record has nothing for it, so no empty heading is drawn.
 */
export interface PostmortemView {
  id: string;
  /** The title, safe for a `# ` heading. */
  title: string;
  header: HeaderView;
  /** Problem Summary: `summary` and `impact`. */
  summary: SummaryView | null;
  /** Root Cause Analysis: `trigger` and `factors`. */
  rootCause: RootCauseView | null;
  solution: SolutionView | null;
  deployment: DeploymentView | null;
  verification: VerificationView | null;
  environment: EnvironmentView | null;
  warnings: WarningsView | null;
  commits: CommitsView | null;
  timeline: TimelineView | null;
  lessons: LessonsView | null;
  prevention: PreventionView | null;
  nextSteps: NextStepsView | null;
  metrics: MetricsView | null;
  conclusion: ConclusionView | null;
  /**
   * The record's extra sections, by the built-in section they follow, in
   * record order. Filled even when that section is `null`, so templates place
   * them with `{{#each extrasAfter.x}}` right after `{{#if x}}…{{/if}}`.
   */
  extrasAfter: Record<AnchorName, ExtraSectionView[]>;
  /** Extra sections with no `after`: at the end, before the conclusion. */
  extrasAtEnd: ExtraSectionView[];
  /** How it was detected: detection sections, the detection time, detection events (sre). */
  detection: DetectionView | null;
  /** Extra sections in record order, except detection ones; body headings nested under a `###` (sre "Supporting information"). */
  supporting: ExtraSectionView[];
  /** Lessons as went well / went wrong / got lucky, and the others (sre). */
  outcomes: OutcomeLessonsView | null;
  /** Every action item in one table (sre). */
  actionItems: ActionItemsView | null;
  /** A short status update for chat or a status page (stakeholder). */
  update: UpdateView;
  /** Open action items by owner, overdue first, as of `now` (action-review). */
  review: ReviewView;
}

/** Built-in sections an extra section can follow. */
export type AnchorName =
  | 'summary'
  | 'rootCause'
  | 'solution'
  | 'deployment'
  | 'verification'
  | 'environment'
  | 'warnings'
  | 'timeline'
  | 'lessons'
  | 'prevention'
  | 'nextSteps'
  | 'metrics'
  | 'conclusion';

export interface HeaderView {
  title: string;
  /** "January 5, 2026", from the start (or detection, first event, id). */
  date: string | null;
  authors: string | null;
  severity: string | null;
  /** "Draft", "In review" or "Published". */
  status: string;
  /** Services as code spans, comma-separated. */
  services: string | null;
  environment: string | null;
  /** Downtime (started → resolved), else detected → resolved. */
  duration: string | null;
  /** `**Label:** value` lines, each but the last ending in a hard break (`\`). */
  lines: string[];
}

export interface SummaryView {
  /** Markdown, as written. */
  text: string | null;
  /** Markdown, as written. */
  impact: string | null;
}

export interface RootCauseView {
  /** Markdown, as written. */
  trigger: string | null;
  factors: FactorView[];
}

export interface FactorView {
  /** Markdown, continuation lines indented for a `- ` item. */
  text: string;
  tags: string[];
}

export interface SolutionView {
  /** Markdown, as written. */
  text: string | null;
  fixCommits: FixCommitView[];
}

export interface FixCommitView {
  /** Short hash as a code span. */
  hash: string;
  /** Subject, escaped inline. */
  subject: string;
  /** `- `path` (+27 −18)` lines. */
  files: string[];
  /** A complete fenced block in the diff's language, or null. */
  diff: string | null;
}

export interface DeploymentView {
  steps: StepView[];
}

export interface StepView {
  /** "1." */
  marker: string;
  icon: string;
  status: DeploymentStep['status'];
  /** Markdown, continuation lines indented under the marker. */
  text: string;
  /** A fenced block indented under the marker, or null. */
  detail: string | null;
}

export interface VerificationView {
  /** Log excerpts grouped by source, in order of first appearance. */
  logGroups: LogGroupView[];
  /**
   * Bodies (Markdown) of the record's own "Verification …" sections placed after
   * verification (an imported report's, whose endpoint table became checks):
   * shown inside this section rather than as a second one of the same name.
   */
  notes: string[];
  /** Checks of phase "after" (the default). */
  checks: ChecksTableView | null;
  /** Checks of phase "before". */
  checksBefore: ChecksTableView | null;
}

export interface LogGroupView {
  heading: string;
  /** A complete fenced block. */
  block: string;
}

export interface ChecksTableView {
  heading: string;
  /** "Checked against `https://host`." when every check shares one origin. */
  origin: string | null;
  rows: CheckRowView[];
  /** "All 6 checks passed." / "4 of 6 checks passed." */
  summary: string;
}

/** One table row; every value is an escaped table cell. */
export interface CheckRowView {
  endpoint: string;
  expected: string;
  result: string;
  status: string;
}

export interface EnvironmentView {
  required: EnvItemView[];
  optional: EnvItemView[];
}

export interface EnvItemView {
  icon: string;
  /** Code span. */
  name: string;
  /** Shape and note, or null. */
  description: string | null;
  /** The whole list item without its `- `. */
  line: string;
}

export interface WarningsView {
  items: NumberedItemView[];
}

export interface NumberedItemView {
  marker: string;
  /** The item's Markdown, continuation lines indented under the marker. */
  text: string;
}

export interface CommitsView {
  details: CommitDetailView[];
  /** Fenced block of `hash subject` lines, newest first when dates are known. (Not `log`: that is a Handlebars helper.) */
  gitLog: string;
}

export interface CommitDetailView {
  /** A `### ` heading when several commits are detailed, else null. */
  heading: string | null;
  /** `**Label:** value` lines with hard breaks. */
  lines: string[];
  /** `` `path` (27 insertions, 18 deletions) `` lines. */
  files: string[];
}

export interface TimelineView {
  /** "Time (UTC)" when rows show times of day only, else "Time". */
  timeHeader: string;
  rows: TimelineRowView[];
  downtime: string | null;
  timeToDetect: string | null;
  timeToMitigate: string | null;
  timeToRecover: string | null;
  /** `**Total Downtime:** …` lines with hard breaks. */
  totals: string[];
}

/** One table row; every value is an escaped table cell. */
export interface TimelineRowView {
  time: string;
  event: string;
  status: string;
}

export interface LessonsView {
  /** Lessons without a category, as `- ` item texts. */
  uncategorised: string[];
  groups: LessonGroupView[];
}

export interface LessonGroupView {
  heading: string;
  items: string[];
}

export interface PreventionView {
  rows: ActionRowView[];
}

/** One table row; every value is an escaped table cell. */
export interface ActionRowView {
  item: string;
  kind: string;
  owner: string;
  due: string;
  status: string;
}

export interface NextStepsView {
  items: NumberedItemView[];
}

export interface MetricsView {
  /** `**name:** value` lines with hard breaks. */
  lines: string[];
}

export interface ConclusionView {
  /** Markdown, as written. */
  text: string;
}

export interface ExtraSectionView {
  heading: string;
  /** Markdown, as written. */
  body: string;
}

const CHECK_ICONS = { pass: '✅ PASS', fail: '❌ FAIL' } as const;
const STEP_ICONS: Record<DeploymentStep['status'], string> = { done: '✅', failed: '❌', skipped: '⏭️', pending: '⏳' };
const EVENT_ICONS: Record<TimelineEvent['kind'], string> = {
  started: '🔥',
  detected: '❌',
  investigation: '🔍',
  change: '✏️',
  commit: '📤',
  deploy: '🏗️',
  build: '✅',
  verified: '✅',
  mitigated: '🚀',
  resolved: '🎉',
  error: '❌',
  note: '📝',
};
const ENV_ICONS = { set: '✅', missing: '❌' } as const;
const STATUS_LABELS: Record<Incident['status'], string> = { draft: 'Draft', 'in-review': 'In review', published: 'Published' };
const ACTION_STATUS_LABELS: Record<ActionItem['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};
const ACTION_KIND_LABELS: Record<ActionItem['kind'], string> = {
  prevent: 'Prevent',
  detect: 'Detect',
  mitigate: 'Mitigate',
  process: 'Process',
};
const ANCHORS: Record<SectionKey, AnchorName> = {
  summary: 'summary',
  impact: 'summary',
  factors: 'rootCause',
  solution: 'solution',
  deployment: 'deployment',
  verification: 'verification',
  environment: 'environment',
  warnings: 'warnings',
  timeline: 'timeline',
  lessons: 'lessons',
  prevention: 'prevention',
  'next-steps': 'nextSteps',
  metrics: 'metrics',
  conclusion: 'conclusion',
};
// biome-ignore format: one line reads better
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type {
  ActionItemRowView,
  ActionItemsView,
  DetectionView,
  OutcomeLessonsView,
  OwnerGroupView,
  ReviewRowView,
  ReviewView,
  UpdateView,
} from './templateViews.js';

/** What the view model needs besides the record. */
export interface ViewOptions {
  /** The clock, injected (ctx.now, POSTMORTEM_NOW): which action items are overdue. Without it nothing is overdue. */
  now?: Date | null;
  /** The workspace zone (IANA name or offset; default UTC): which calendar day "today" is for due dates, as in `action list`. */
  zone?: string;
}

/**
 * Builds the view model a template renders: pure, deterministic, and
 * complete (every key present). Markdown from narrative fields is inserted as
 * written; everything else is escaped for the spot it is shown in.
 */
export function buildTemplateContext(incident: Incident, options: ViewOptions = {}): PostmortemView {
  const now = options.now ?? null;
  const today = now ? localDate(now.getTime(), options.zone ?? 'UTC') : null;
  const clock = makeClock(incident);
  const durations = deriveDurations(incident.times);
  const title = escapeInline(incident.title);
  const extras = buildExtras(incident.sections);
  const verification = buildVerification(incident, clock);
  if (verification) {
    verification.notes = extras.extrasAfter.verification.filter((extra) => isVerificationHeading(extra.heading)).map((extra) => extra.body);
    extras.extrasAfter.verification = extras.extrasAfter.verification.filter((extra) => !isVerificationHeading(extra.heading));
  }
  return {
    id: incident.id,
    title,
    header: buildHeader(incident, title, durations),
    summary: buildSummary(incident),
    rootCause: buildRootCause(incident),
    solution: buildSolution(incident),
    deployment: buildDeployment(incident),
    verification,
    environment: buildEnvironment(incident.evidence.env),
    warnings: buildWarnings(incident),
    commits: buildCommits(incident.evidence.commits),
    timeline: buildTimeline(incident, clock, durations),
    lessons: buildLessons(incident),
    prevention: buildPrevention(incident.actions),
    nextSteps: buildNextSteps(incident.actions),
    metrics: incident.metrics.length
      ? { lines: hardBreaks(incident.metrics.map((m) => `**${escapeInline(m.name).replace(/\*/g, '\\*')}:** ${oneLine(m.value)}`)) }
      : null,
    conclusion: incident.conclusion ? { text: normalizeBlock(incident.conclusion) } : null,
    ...extras,
    detection: buildDetection(incident, clock, durations),
    supporting: incident.sections
      .filter((section) => !isDetectionSection(section) && section.body.trim() !== '')
      .map((section) => ({ heading: escapeInline(section.heading), body: nestHeadings(normalizeBlock(section.body), 4) })),
    outcomes: buildOutcomes(incident),
    actionItems: buildActionItems(incident.actions),
    update: buildUpdate(incident, title, clock, durations, now, today),
    review: buildReview(incident.actions, today),
  };
}

function buildHeader(incident: Incident, title: string, durations: Durations): HeaderView {
  const downtime = durations.downtime ?? durations.timeToRecover;
  const header = {
    title,
    date: headerDate(incident),
    authors: incident.authors.length ? incident.authors.map(escapeInline).join(', ') : null,
    severity: incident.severity ? escapeInline(incident.severity) : null,
    status: STATUS_LABELS[incident.status],
    services: incident.services.length ? incident.services.map(inlineCode).join(', ') : null,
    environment: incident.environment ? escapeInline(incident.environment) : null,
    duration: downtime === null ? null : formatDuration(downtime),
  };
  const fields: Array<[string, string | null]> = [
    ['Date', header.date],
    [incident.authors.length > 1 ? 'Authors' : 'Author', header.authors],
    ['Severity', header.severity],
    ['Status', header.status],
    [incident.services.length > 1 ? 'Services' : 'Service', header.services],
    ['Environment', header.environment],
    ['Duration', header.duration],
  ];
  return { ...header, lines: labelLines(fields) };
}

function buildSummary(incident: Incident): SummaryView | null {
  if (!incident.summary && !incident.impact) return null;
  return { text: block(incident.summary), impact: block(incident.impact) };
}

function buildRootCause(incident: Incident): RootCauseView | null {
  if (!incident.trigger && incident.factors.length === 0) return null;
  return {
    trigger: block(incident.trigger),
    factors: incident.factors.map((f) => ({ text: indentContinuation(f.text, 2), tags: f.tags.map(escapeInline) })),
  };
}

function buildSolution(incident: Incident): SolutionView | null {
  const fixCommits = incident.evidence.commits.filter((c) => c.fix).map(buildFixCommit);
  if (!incident.solution && fixCommits.length === 0) return null;
  return { text: block(incident.solution), fixCommits };
}

function buildFixCommit(commit: Commit): FixCommitView {
  return {
    hash: inlineCode(shortHash(commit.hash)),
    subject: escapeInline(commit.subject),
    files: commit.files.map((f) => `- ${inlineCode(f.path)} (+${f.insertions} -${f.deletions})`),
    diff: commit.diff ? fencedBlock(commit.diff, commit.diff_language) : null,
  };
}

function buildDeployment(incident: Incident): DeploymentView | null {
  if (incident.deployment.length === 0) return null;
  return {
    steps: incident.deployment.map((step, index) => {
      const marker = `${index + 1}.`;
      const width = marker.length + 1;
      return {
        marker,
        icon: STEP_ICONS[step.status],
        status: step.status,
        text: indentContinuation(step.text, width),
        detail: step.detail ? indentBlock(fencedBlock(step.detail), width) : null,
      };
    }),
  };
}

function buildVerification(incident: Incident, clock: Clock): VerificationView | null {
  const { logs, checks } = incident.evidence;
  if (logs.length === 0 && checks.length === 0) return null;
  const shared = sharedOrigin(checks);
  const table = (heading: string, phase: EndpointCheck['phase']): ChecksTableView | null => {
    const selected = checks.filter((c) => c.phase === phase);
    if (selected.length === 0) return null;
    const passed = selected.filter((c) => c.passed).length;
    return {
      heading,
      origin: shared ? `Checked against ${inlineCode(shared)}.` : null,
      rows: selected.map((c) => checkRow(c, shared !== null)),
      summary: passed === selected.length ? `All ${plural(selected.length, 'check')} passed.` : `${passed} of ${plural(selected.length, 'check')} passed.`,
    };
  };
  return {
    notes: [],
    logGroups: groupBy(logs, (log) => log.source ?? '').map(([source, group]) => ({
      heading: source ? `Logs: ${escapeInline(source)}` : 'Logs',
      block: fencedBlock(logLines(group, clock)),
    })),
    checks: table('Endpoint Tests', 'after'),
    checksBefore: table('Before the Fix', 'before'),
  };
}

function checkRow(check: EndpointCheck, pathOnly: boolean): CheckRowView {
  const where = pathOnly ? pathOf(check.url) : check.url;
  const endpoint = check.method === 'GET' ? where : `${check.method} ${where}`;
  // `expect` is the human description; `expect_status` ("200", "not-404") only stands in for it.
  const expected = check.expect ?? (check.expect_status ? `HTTP ${check.expect_status}` : null);
  const outcome = joinPresent([check.result, check.error && `error: ${check.error}`], '; ');
  const code = check.status_code === null ? null : `HTTP ${check.status_code}`;
  const meta = joinPresent([code && !outcome?.includes(code) ? code : null, check.latency_ms === null ? null : `${latency(check.latency_ms)} ms`], ', ');
  const result = outcome && meta ? `${outcome} (${meta})` : (outcome ?? meta ?? '');
  return {
    endpoint: tableCell(inlineCode(endpoint)),
    expected: tableCell(expected ?? ''),
    result: tableCell(result),
    status: check.passed ? CHECK_ICONS.pass : CHECK_ICONS.fail,
  };
}

/**
 * A source's lines in time order. Collected lifecycle markers already appear on
 * the timeline, so a source that also has error or warning groups shows those only.
 */
function logLines(group: LogEvent[], clock: Clock): string {
  const groups = group.filter((log) => !log.marker);
  const shown = groups.length > 0 ? groups : group;
  const timed = shown.every((log) => log.time) ? [...shown].sort((a, b) => Date.parse(a.time ?? '') - Date.parse(b.time ?? '')) : shown;
  return timed.map((log) => logLine(log, clock)).join('\n');
}

function logLine(log: LogEvent, clock: Clock): string {
  const time = log.time ? `${clock.format(log.time, true)} ` : '';
  const level = log.level === 'info' ? '' : `[${log.level.toUpperCase()}] `;
  const repeat = log.count > 1 ? ` (×${log.count}${log.last_seen ? `, last at ${clock.format(log.last_seen, true)}` : ''})` : '';
  return `${time}${level}${log.message}${repeat}`;
}

function buildEnvironment(env: EnvCheck[]): EnvironmentView | null {
  if (env.length === 0) return null;
  const item = (check: EnvCheck): EnvItemView => {
    const icon = check.set ? ENV_ICONS.set : ENV_ICONS.missing;
    const name = inlineCode(check.name);
    const description = joinPresent(
      [check.shape, check.note].map((v) => (v ? oneLine(v) : null)),
      '; ',
    );
    return { icon, name, description, line: `${icon} ${name}${description ? ` — ${description}` : ''}` };
  };
  return { required: env.filter((e) => e.required).map(item), optional: env.filter((e) => !e.required).map(item) };
}

function buildWarnings(incident: Incident): WarningsView | null {
  const warnings = incident.evidence.warnings;
  if (warnings.length === 0) return null;
  return {
    items: numbered(warnings, (w) => (w.source ? `${normalizeBlock(w.text)} (from ${escapeInline(w.source)})` : w.text)),
  };
}

function buildCommits(commits: Commit[]): CommitsView | null {
  if (commits.length === 0) return null;
  const fixes = commits.filter((c) => c.fix);
  const dated = commits.every((c) => c.committed_at ?? c.authored_at);
  const ordered = dated ? [...commits].sort((a, b) => Date.parse(commitTime(b)) - Date.parse(commitTime(a))) : commits;
  return {
    details: fixes.map((commit) => ({
      heading: fixes.length > 1 ? `${inlineCode(shortHash(commit.hash))} ${escapeInline(commit.subject)}` : null,
      lines: labelLines([
        ['Commit Hash', inlineCode(shortHash(commit.hash))],
        ['Message', inlineCode(commit.subject)],
        ['Repository', commit.repo ? inlineCode(commit.repo) : null],
        ['Author', commit.author ? escapeInline(commit.author) : null],
        ['Date', commit.committed_at || commit.authored_at ? utcText(commitTime(commit), false) : null],
      ]),
      files: commit.files.map((f) => `${inlineCode(f.path)} (${plural(f.insertions, 'insertion')}, ${plural(f.deletions, 'deletion')})`),
    })),
    gitLog: fencedBlock(ordered.map((c) => `${shortHash(c.hash)} ${oneLine(c.subject)}`).join('\n')),
  };
}

function buildTimeline(incident: Incident, clock: Clock, d: Durations): TimelineView | null {
  const fmt = (ms: number | null) => (ms === null ? null : formatDuration(ms));
  const events: Array<Pick<TimelineEvent, 'time' | 'text' | 'kind'>> = incident.timeline.length
    ? incident.timeline
    : (['started', 'detected', 'mitigated', 'resolved'] as const).flatMap((kind) => {
        const time = incident.times[kind];
        return time ? [{ time, kind, text: `Incident ${kind}` }] : [];
      });
  const rows = events
    .map((event, index) => ({ event, index, epoch: Date.parse(event.time) }))
    .sort((a, b) => a.epoch - b.epoch || a.index - b.index)
    .map(({ event }) => ({
      time: tableCell(clock.format(event.time, false)),
      event: tableCell(event.text),
      status: EVENT_ICONS[event.kind],
    }));
  const view = {
    timeHeader: clock.short ? `Time (${clock.zone})` : 'Time',
    rows,
    downtime: fmt(d.downtime),
    timeToDetect: fmt(d.timeToDetect),
    timeToMitigate: fmt(d.timeToMitigate),
    timeToRecover: fmt(d.timeToRecover),
  };
  const totals = labelLines([
    ['Total Downtime', view.downtime],
    ['Time to Detect', view.timeToDetect],
    ['Time to Mitigate', view.timeToMitigate],
    ['Time to Recover', view.timeToRecover],
  ]);
  if (rows.length === 0 && totals.length === 0) return null;
  return { ...view, totals };
}

function buildLessons(incident: Incident): LessonsView | null {
  if (incident.lessons.length === 0) return null;
  const item = (text: string) => indentContinuation(text, 2);
  return {
    uncategorised: incident.lessons.filter((l) => !l.category).map((l) => item(l.text)),
    // Categories group case-insensitively; the first spelling names the group.
    groups: groupBy(
      incident.lessons.filter((l) => l.category),
      (l) => oneLine(l.category ?? '').toLowerCase(),
    ).map(([, lessons]) => ({
      heading: capitalise(escapeInline(lessons[0]?.category ?? '')),
      items: lessons.map((l) => item(l.text)),
    })),
  };
}

function buildPrevention(actions: ActionItem[]): PreventionView | null {
  const selected = actions.filter((a) => a.priority !== 'low');
  if (selected.length === 0) return null;
  return {
    rows: selected.map((a) => ({
      item: tableCell(a.tracker ? `${a.text} (${a.tracker})` : a.text),
      kind: ACTION_KIND_LABELS[a.kind],
      owner: a.owner ? tableCell(a.owner) : 'unassigned',
      due: a.due ?? '—',
      status: ACTION_STATUS_LABELS[a.status],
    })),
  };
}

function buildNextSteps(actions: ActionItem[]): NextStepsView | null {
  const selected = actions.filter((a) => a.priority === 'low');
  if (selected.length === 0) return null;
  return {
    items: numbered(selected, (a) => {
      const meta = joinPresent(
        [ACTION_STATUS_LABELS[a.status], a.owner && escapeInline(a.owner), a.due && `due ${a.due}`, a.tracker && oneLine(a.tracker)],
        ', ',
      );
      return `${normalizeBlock(a.text)} — ${meta}`;
    }),
  };
}

function buildExtras(sections: ExtraSection[]): Pick<PostmortemView, 'extrasAfter' | 'extrasAtEnd'> {
  const extrasAfter: Record<AnchorName, ExtraSectionView[]> = {
    summary: [],
    rootCause: [],
    solution: [],
    deployment: [],
    verification: [],
    environment: [],
    warnings: [],
    timeline: [],
    lessons: [],
    prevention: [],
    nextSteps: [],
    metrics: [],
    conclusion: [],
  };
  const extrasAtEnd: ExtraSectionView[] = [];
  // Anchors sharing one rendered section (summary + impact) keep key order.
  const byKey = [...sections].sort((a, b) => keyRank(a.after) - keyRank(b.after));
  for (const section of byKey) {
    const body = normalizeBlock(section.body);
    if (body === '') continue;
    const view = { heading: escapeInline(section.heading), body };
    if (section.after === null) extrasAtEnd.push(view);
    else extrasAfter[ANCHORS[section.after]].push(view);
  }
  return { extrasAfter, extrasAtEnd };
}

/** "Verification Results", "Verification", "Verified": a heading the built-in verification section stands for. */
function isVerificationHeading(heading: string): boolean {
  return /^(verification|verified|validation)\b/.test(normaliseHeading(heading));
}

function keyRank(key: SectionKey | null): number {
  return key === 'impact' ? 1 : 0;
}

// --- Time -----------------------------------------------------------------

interface Clock {
  /** True when times are shown as time of day only. */
  short: boolean;
  /** "UTC" or "UTC+01:00": the zone short times are in. */
  zone: string;
  format(timestamp: string, seconds: boolean): string;
}

/**
 * Times show as "17:00" when every incident time shares one offset and one
 * calendar day at that offset (the header carries the date), else in UTC
 * with the date: "2026-01-05 17:00 UTC".
 */
function makeClock(incident: Incident): Clock {
  const stamps: string[] = [];
  for (const value of Object.values(incident.times)) if (value) stamps.push(value);
  for (const event of incident.timeline) stamps.push(event.time);
  for (const log of incident.evidence.logs) {
    if (log.time) stamps.push(log.time);
    if (log.last_seen) stamps.push(log.last_seen);
  }
  const first = stamps[0];
  const offset = first ? offsetOf(first) : 'Z';
  const day = first ? first.slice(0, 10) : '';
  const short = stamps.every((s) => offsetOf(s) === offset && s.slice(0, 10) === day);
  return {
    short,
    zone: offset === 'Z' ? 'UTC' : `UTC${offset}`,
    format: (timestamp, seconds) => (short ? timestamp.slice(11, seconds ? 19 : 16) : utcText(timestamp, seconds)),
  };
}

function offsetOf(timestamp: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.exec(timestamp)?.[1] ?? 'Z';
}

/** "2026-01-05 17:00 UTC" (with seconds when asked). */
function utcText(timestamp: string, seconds: boolean): string {
  const iso = new Date(Date.parse(timestamp)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

function headerDate(incident: Incident): string | null {
  const { started, detected } = incident.times;
  const date = (started ?? detected ?? earliestEvent(incident.timeline))?.slice(0, 10) ?? /^\d{4}-\d{2}-\d{2}/.exec(incident.id)?.[0];
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  const month = MONTHS[(m ?? 0) - 1];
  if (!month || !y || !d || d > 31) return null;
  return `${month} ${d}, ${y}`;
}

function earliestEvent(timeline: TimelineEvent[]): string | null {
  let earliest: string | null = null;
  let earliestMs = Number.POSITIVE_INFINITY;
  for (const event of timeline) {
    const ms = Date.parse(event.time);
    if (ms < earliestMs) {
      earliest = event.time;
      earliestMs = ms;
    }
  }
  return earliest;
}

function commitTime(commit: Commit): string {
  return commit.committed_at ?? commit.authored_at ?? '';
}

// --- Small helpers -----------------------------------------------------------

function block(text: string | null): string | null {
  return text ? normalizeBlock(text) : null;
}

/** `**Label:** value` for each present value, joined by hard line breaks. */
function labelLines(fields: Array<[string, string | null]>): string[] {
  return hardBreaks(fields.flatMap(([label, value]) => (value ? [`**${label}:** ${value}`] : [])));
}

function hardBreaks(lines: string[]): string[] {
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}\\` : line));
}

function numbered<T>(items: T[], text: (item: T) => string): NumberedItemView[] {
  return items.map((item, index) => {
    const marker = `${index + 1}.`;
    return { marker, text: indentContinuation(text(item), marker.length + 1) };
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups];
}

function joinPresent(parts: Array<string | null | undefined>, separator: string): string | null {
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length === 0 ? null : present.join(separator);
}

/** "problem" → "Problem": categories are often written like tags. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function latency(ms: number): string {
  return String(ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10);
}

function shortHash(hash: string): string {
  return hash.slice(0, 7);
}

/** The origin shared by every check URL, or null (mixed origins, or a URL that does not parse). */
function sharedOrigin(checks: EndpointCheck[]): string | null {
  let origin: string | null = null;
  for (const check of checks) {
    const parsed = parseUrl(check.url);
    if (!parsed || (origin !== null && parsed.origin !== origin)) return null;
    origin = parsed.origin;
  }
  return origin;
}

function pathOf(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? `${parsed.pathname}${parsed.search}${parsed.hash}` : url;
}

function parseUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? null : parsed;
  } catch {
    return null;
  }
}
