import { createInterface } from 'node:readline/promises';
import { deriveTimes, effectiveTimes } from '../record/derive.js';
import { deriveDurations } from '../record/durations.js';
import type { Incident, IncidentInput } from '../record/schema.js';
import { formatDuration, formatTimestamp } from '../record/time.js';

/**
 * Guided mode: after the draft is written, capture asks for what no collector
 * can know (summary, impact, contributing factors, lessons, prevention items
 * with owner and due date), showing what was collected. Every question can be
 * skipped with an empty answer; the end of the input skips the rest.
 */

/** Asks one question and resolves to the answer line, or null when the input has ended. */
export interface Prompter {
  ask(question: string): Promise<string | null>;
  close(): void;
}

/**
 * A prompter over a stream of lines (a terminal or a pipe). Lines are read
 * through the interface's async iterator, which queues them: answers piped in
 * all at once are never lost between questions.
 */
export function linePrompter(input: NodeJS.ReadableStream, write: (text: string) => void): Prompter {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let ended = false;
  return {
    async ask(question) {
      if (ended) return null;
      write(question);
      const next = await lines.next();
      if (next.done) {
        ended = true;
        write('\n');
        return null;
      }
      return next.value;
    },
    close: () => rl.close(),
  };
}

export interface GuidedAnswers {
  summary: string | null;
  impact: string | null;
  factors: string[];
  lessons: string[];
  actions: { text: string; owner: string | null; due: string | null }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Asks the questions; `write` shows what was collected beside them. */
export async function askGuided(incident: Incident, prompter: Prompter, write: (text: string) => void): Promise<GuidedAnswers> {
  const answers: GuidedAnswers = { summary: null, impact: null, factors: [], lessons: [], actions: [] };
  let ended = false;
  const ask = async (question: string): Promise<string> => {
    if (ended) return '';
    const answer = await prompter.ask(question);
    if (answer === null) ended = true;
    return (answer ?? '').trim();
  };
  const list = async (label: string, into: string[]) => {
    for (;;) {
      const answer = await ask(`${label} (Enter when done): `);
      if (!answer) return;
      into.push(answer);
    }
  };

  write(`\nWhat no collector can know. Press Enter to skip any question.\n${collectedHints(incident)}\n`);
  if (!incident.summary) answers.summary = (await ask('Summary: what happened, in a sentence or two: ')) || null;
  if (!incident.impact) answers.impact = (await ask('Impact: who or what was affected, and how: ')) || null;
  await list('Contributing factor', answers.factors);
  await list('Lesson learned', answers.lessons);
  for (;;) {
    const text = await ask('Prevention item (Enter when done): ');
    if (!text) break;
    const owner = (await ask('  Owner: ')) || null;
    let due: string | null = null;
    for (;;) {
      const answer = await ask('  Due date (YYYY-MM-DD): ');
      if (!answer) break;
      if (DATE.test(answer) && !Number.isNaN(Date.parse(`${answer}T00:00:00Z`))) {
        due = answer;
        break;
      }
      write(`  "${answer}" is not a date like 2026-01-31; try again, or press Enter to skip.\n`);
    }
    answers.actions.push({ text, owner, due });
  }
  return answers;
}

/** The collected facts shown before the questions. */
export function collectedHints(incident: Incident): string {
  const derived = deriveTimes(incident);
  const times = effectiveTimes(incident);
  const downtime = deriveDurations(times).downtime;
  const { logs, commits, checks } = incident.evidence;
  const lines: string[] = ['Collected:'];
  if (derived.started) lines.push(`  started ${times.started} (${derived.started.reason})`);
  const errors = logs.filter((e) => !e.marker && (e.level === 'error' || e.level === 'fatal' || e.level === 'critical')).slice(0, 3);
  for (const error of errors) lines.push(`  error${error.count > 1 ? ` ×${error.count}` : ''}: ${error.message.split('\n')[0]}`);
  const fix = commits.find((c) => c.fix);
  if (fix) lines.push(`  fix ${fix.hash.slice(0, 7)} ${fix.subject}`);
  if (checks.length > 0) lines.push(`  ${checks.filter((c) => c.passed).length} of ${checks.length} endpoint checks passed`);
  if (downtime !== null) lines.push(`  downtime ${formatDuration(downtime)}`);
  if (lines.length === 1) lines.push('  nothing yet');
  return lines.join('\n');
}

/** Adds the answers to the record: text fields, factors, lessons, and prevention items numbered after the existing ones. */
export function applyGuided(incident: Incident, answers: GuidedAnswers, now: Date): IncidentInput {
  let nextId = Math.max(0, ...incident.actions.map((a) => a.id ?? 0)) + 1;
  const stamp = formatTimestamp(now.getTime());
  return {
    ...incident,
    summary: answers.summary ?? incident.summary,
    impact: answers.impact ?? incident.impact,
    factors: [...incident.factors, ...answers.factors.map((text) => ({ text }))],
    lessons: [...incident.lessons, ...answers.lessons.map((text) => ({ text }))],
    actions: [
      ...incident.actions,
      ...answers.actions.map((a) => ({ id: nextId++, text: a.text, kind: 'prevent' as const, owner: a.owner, due: a.due, created_at: stamp })),
    ],
  };
}

/** Whether anything was answered. */
export function answeredAnything(answers: GuidedAnswers): boolean {
  return Boolean(answers.summary || answers.impact || answers.factors.length || answers.lessons.length || answers.actions.length);
}
