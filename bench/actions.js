#!/usr/bin/env node
// Action items and trends on large databases: `npm run build && node bench/actions.js`.
// Sizes: BENCH_SIZES (default "10000,100000"). For each size, a database of generated
// incidents (bench/generate.js, saved through the store in one transaction) and:
//   action list --overdue: what the command computes (its first 100 items and their total;
//   target 100 ms), every overdue item, and the whole CLI process (shown, with Node's start-up)
//   stats: library call and whole CLI process (target 500 ms)
// "Today" is pinned twice: mid-way through the generated history (2025-01-15, a
// realistic share of items overdue) and after all of it (2026-06-01, every open item
// with a due date overdue: the worst case). Prints, never asserts (tests hold no timings).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countActions, listActions } from '../dist/actions/listActions.js';
import { saveIncident } from '../dist/db/incidentStore.js';
import { LATEST_VERSION } from '../dist/db/migrations/index.js';
import { openDatabase } from '../dist/db/open.js';
import { incidentSchema } from '../dist/record/schema.js';
import { collectStats } from '../dist/stats/collectStats.js';
import { generateIncident, makeRandom } from './generate.js';
import { median, time } from './measure.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const TODAYS = ['2025-01-15', '2026-06-01'];
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const results = [];

/** One line: the median of `runs` against the target, and the fastest run (the least disturbed by other load). */
function report(name, runs, targetMs, extra = '') {
  const ms = median(runs);
  const ok = ms <= targetMs;
  results.push(ok);
  const fastest = `fastest ${Math.min(...runs).toFixed(1)} ms`;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${name.padEnd(58)} ${`${ms.toFixed(1)} ms`.padStart(10)}  target ${`${Math.round(targetMs)} ms`.padEnd(8)} ${fastest}${extra ? `; ${extra}` : ''}`,
  );
}

/** A measurement shown for context, not held against a target. */
function info(name, runs, extra) {
  console.log(`     ${name.padEnd(58)} ${`${median(runs).toFixed(1)} ms`.padStart(10)}  fastest ${Math.min(...runs).toFixed(1)} ms; ${extra}`);
}

console.log(`postmortem action and stats benchmarks: node ${process.version}, ${os.cpus().length} cores\n`);

/** A database of `count` generated incidents, made once (saved through the store in one transaction) and cached in the temp folder. */
function benchDatabase(count) {
  const file = path.join(os.tmpdir(), `postmortem-bench-actions-${count}-v${LATEST_VERSION}.db`);
  if (fs.existsSync(file)) {
    const db = openDatabase(file);
    console.log(`${count} incidents: cached database ${file} (delete it to generate again)`);
    return { db, file };
  }
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  // A database cached by an older schema holds the same incidents: copy it and let openDatabase migrate the copy.
  const older = fs
    .readdirSync(os.tmpdir())
    .map((name) => /^postmortem-bench-actions-(\d+)-v(\d+)\.db$/.exec(name))
    .filter((m) => m && Number(m[1]) === count && Number(m[2]) < LATEST_VERSION)
    .sort((a, b) => Number(b[2]) - Number(a[2]))[0];
  if (older) {
    fs.copyFileSync(path.join(os.tmpdir(), older[0]), partial);
    const [migrateMs] = time(() => openDatabase(partial).close());
    fs.renameSync(partial, file);
    console.log(`${count} incidents: migrated a copy of ${older[0]} in ${(migrateMs / 1000).toFixed(1)} s`);
    return { db: openDatabase(file), file };
  }
  const db = openDatabase(partial, { create: true });
  const random = makeRandom(42);
  const [fillMs] = time(() =>
    db
      .transaction(() => {
        for (let i = 0; i < count; i++) saveIncident(db, incidentSchema.parse(generateIncident(i, random)), { isNew: true });
      })
      .immediate(),
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(partial, file);
  console.log(`${count} incidents: generated and saved in ${(fillMs / 1000).toFixed(1)} s, database ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
  return { db: openDatabase(file), file };
}

const bare = median(Array.from({ length: 5 }, () => time(() => execFileSync(process.execPath, ['-e', '0']))[0]));
const version = median(Array.from({ length: 5 }, () => time(() => execFileSync(process.execPath, [bin, '--version']))[0]));
console.log(
  `bare node start-up: ${bare.toFixed(0)} ms; \`postmortem --version\` (the program loaded, no command): ${version.toFixed(0)} ms (CLI timings include them)\n`,
);

for (const count of SIZES) {
  const { db, file } = benchDatabase(count);
  const items = db.prepare('SELECT count(*) FROM action_items').pluck().get();
  console.log(`${items} action items`);

  for (const today of TODAYS) {
    // What `postmortem action list --overdue` computes: the first 100 items (a terminal's
    // page, like `gh issue list`) and, when there are more, how many there are in all.
    const commandView = () => {
      const page = listActions(db, { overdue: true, limit: 100 }, today);
      return page.length === 100 ? countActions(db, { overdue: true }, today) : page.length;
    };
    const overdue = commandView();
    const runs = Array.from({ length: 9 }, () => time(commandView)[0]);
    report(`action list --overdue, ${count} (library, today ${today})`, runs, 100, `first 100 of ${overdue} overdue items and their count`);
    // Every overdue item (`--limit 0`, `--json`): rows read and built one by one; shown, not a target.
    const all = Array.from({ length: 5 }, () => time(() => listActions(db, { overdue: true }, today))[0]);
    info(`action list --overdue --limit 0, ${count} (library)`, all, `all ${overdue} rows, ${((median(all) * 1000) / overdue).toFixed(1)} µs a row`);
    const env = { ...process.env, POSTMORTEM_NOW: `${today}T09:00:00Z` };
    const limited = Array.from(
      { length: 5 },
      () => time(() => execFileSync(process.execPath, [bin, '--db', file, 'action', 'list', '--overdue'], { env, maxBuffer: 1 << 30 }))[0],
    );
    info(
      `postmortem action list --overdue, ${count} (CLI)`,
      limited,
      `whole process: ${(median(limited) - bare).toFixed(0)} ms over bare node, ${(median(limited) - version).toFixed(0)} ms over \`postmortem --version\``,
    );
    const cli = Array.from(
      { length: 3 },
      () => time(() => execFileSync(process.execPath, [bin, '--db', file, 'action', 'list', '--overdue', '--json'], { env, maxBuffer: 1 << 30 }))[0],
    );
    info(`postmortem action list --overdue --json, ${count} (CLI)`, cli, `whole process, all ${overdue} rows`);
  }

  const statsRuns = Array.from({ length: 9 }, () => time(() => collectStats(db, { zone: 'UTC', today: '2025-01-15' }))[0]);
  report(`stats, ${count} (library)`, statsRuns, 500);
  const rangeRuns = Array.from(
    { length: 5 },
    () => time(() => collectStats(db, { zone: 'Europe/Berlin', today: '2025-01-15', since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z' }))[0],
  );
  report(`stats --since 2024-01-01 --until 2024-12-31, ${count} (library)`, rangeRuns, 500);
  const statsCli = Array.from(
    { length: 3 },
    () => time(() => execFileSync(process.execPath, [bin, '--db', file, 'stats', '--json'], { maxBuffer: 1 << 30 }))[0],
  );
  report(`postmortem stats --json, ${count} (CLI)`, statsCli, bare + 500, 'whole process; budget: node start-up + 500 ms');
  db.close();
  console.log('');
}

console.log(`${results.filter(Boolean).length} of ${results.length} targets met`);
