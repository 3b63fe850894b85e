#!/usr/bin/env node
// Markdown import benchmark: 1,000 Markdown postmortems (variations of the dfds
// corpus in test/fixtures/dfds and of the seed report) through the real
// `postmortem import DIR` into a fresh workspace, median of a few runs.
// Prints times and ratios in the style of bench/run.js; never asserts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, reportAgainstBudget, seconds, time } from './measure.js';

const COUNT = Number(process.env.BENCH_MARKDOWN ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-md-'));
const results = [];

const report = (...line) => reportAgainstBudget(results, ...line);

// The corpus: every dfds postmortem and the seed report.
const dfds = path.join(root, 'test', 'fixtures', 'dfds');
const sources = [
  ...fs
    .readdirSync(dfds)
    .filter((name) => name.startsWith('PM') && !name.startsWith('PMyyyy'))
    .map((name) => ({ name, text: fs.readFileSync(path.join(dfds, name), 'utf8') })),
  {
    name: 'railway-migration-0021-postmortem.md',
    text: fs.readFileSync(path.join(root, 'test', 'fixtures', 'markdown', 'railway-migration-0021-postmortem.md'), 'utf8'),
  },
];

/** Variant `i` of a document: its title numbered, its years and days shifted, so every file is a distinct incident. */
function variant(text, i) {
  const shiftYear = i % 7;
  const shiftDay = i % 27;
  const dated = text.replace(/\b(20[12]\d)-(\d\d)-(\d\d)\b/g, (_m, y, m, d) => {
    const day = ((Number(d) - 1 + shiftDay) % 28) + 1;
    return `${Number(y) + shiftYear}-${m}-${String(day).padStart(2, '0')}`;
  });
  if (/^# .+$/m.test(dated)) return dated.replace(/^# (.+)$/m, (_m, title) => `# Variant ${i}: ${title.trim()}`);
  if (/^title:\s*.+$/m.test(dated)) return dated.replace(/^title:\s*(.+)$/m, (_m, title) => `title: Variant ${i}: ${title.trim()}`);
  return `# Imported postmortem ${i}\n\n${dated}`;
}

const corpus = path.join(work, 'postmortems');
fs.mkdirSync(corpus);
let bytes = 0;
for (let i = 0; i < COUNT; i++) {
  const source = sources[i % sources.length];
  const text = variant(source.text, i);
  bytes += Buffer.byteLength(text);
  const base = source.name.replace(/\.md$/, '');
  // \`import DIR\` takes the .md files of a folder (a file without one is imported when named).
  fs.writeFileSync(path.join(corpus, `${String(i).padStart(4, '0')}-${base}.md`), text);
}
console.log(
  `postmortem Markdown import benchmark: ${COUNT} files from ${sources.length} documents, ${(bytes / 1e6).toFixed(1)} MB, node ${process.version}, ${os.cpus().length} cores\n`,
);

// Which parser the import will use: markdown-it maps most documents, micromark takes the rest (10x slower).
const { mapTokens } = await import('../dist/markdown/importTree.js');
const { splitFrontMatter } = await import('../dist/markdown/frontMatter.js');
const { repairMojibake } = await import('../dist/markdown/mojibake.js');
const unmapped = sources.filter((source) => mapTokens(splitFrontMatter(repairMojibake(source.text)).body) === null).map((source) => source.name);
console.log(
  `  parser: markdown-it maps ${sources.length - unmapped.length} of ${sources.length} documents${unmapped.length ? `; micromark parses ${unmapped.join(', ')}` : ''}\n`,
);

/** CPU time (user + system, every thread) of the finished child processes, in ms; null off Linux. */
function childrenCpuMs() {
  try {
    // Fields 16 and 17 of /proc/self/stat: cutime and cstime, in clock ticks (100 per second).
    const fields = fs
      .readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

const runs = [];
const cpu = [];
let summary = '';
for (let run = 0; run < RUNS; run++) {
  const ws = path.join(work, `ws-${run}`);
  fs.mkdirSync(ws);
  execFileSync(process.execPath, [bin, 'init'], { cwd: ws, stdio: 'ignore' });
  const cpuBefore = childrenCpuMs();
  const [ms, out] = time(() => execFileSync(process.execPath, [bin, 'import', corpus], { cwd: ws, maxBuffer: 1 << 30, encoding: 'utf8' }));
  const cpuAfter = childrenCpuMs();
  runs.push(ms);
  if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
  summary = out.trim().split('\n').slice(-2).join(' | ');
}
// Wall time is the target; CPU time (all threads) shows how much of it a busy machine added.
report(
  `postmortem import (${COUNT} Markdown files)`,
  { value: median(runs), text: seconds(median(runs)) },
  { value: 5000, text: '5 s' },
  `runs: ${runs.map((ms) => seconds(ms)).join(', ')}${cpu.length ? `; CPU ${seconds(median(cpu))} (all threads); load ${os.loadavg()[0].toFixed(1)}` : ''}`,
);
console.log(`  last run: ${summary}`);

fs.rmSync(work, { recursive: true, force: true });
console.log(results.every(Boolean) ? '\nAll Markdown targets met.' : '\nSome Markdown targets missed (see MISS above).');
