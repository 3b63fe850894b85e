#!/usr/bin/env node
// The knowledge-base site: `postmortem site build` for 1,000 and 10,000 generated
// incidents (search index included), then a rebuild after one incident changed,
// and the bytes the first search downloads (in headless Chromium when present).
// Prints times, rates and sizes against the targets of issue 6; never asserts.
//   node bench/site.js            # 1,000 and 10,000
//   BENCH_SITE_SIZES=1000 node bench/site.js
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIncident, saveIncident } from '../dist/db/incidentStore.js';
import { openDatabase } from '../dist/db/open.js';
import { incidentSchema } from '../dist/record/schema.js';
import { CHROMIUM, firstSearchBytes } from './firstSearch.js';
import { generateIncident, makeRandom } from './generate.js';

const SIZES = (process.env.BENCH_SITE_SIZES ?? '1000,10000').split(',').map(Number);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const results = [];

/** One line; `target` null prints the value alone (the issue sets no target for it). */
function report(name, value, target, unit, extra = '') {
  const show = (v) => (unit === 's' ? `${v.toFixed(1)} s` : unit === 'MB' ? `${Math.round(v)} MB` : `${Math.round(v)} KB`);
  if (target === null) {
    console.log(`     ${name.padEnd(44)} ${show(value).padStart(9)}  ${' '.repeat(36)}${extra}`);
    return;
  }
  const ok = value <= target;
  results.push(ok);
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${name.padEnd(44)} ${show(value).padStart(9)}  target ${show(target).padEnd(8)} (${(value / target).toFixed(2)} of budget)${extra ? `  ${extra}` : ''}`,
  );
}

/**
 * Runs `site build` in a child process: wall seconds, CPU seconds (user + system, all
 * threads: on a busy machine the fairer measure), the child's peak RSS (MB) and its JSON result.
 */
function siteBuild(dbFile, outDir) {
  const args = [bin, '--db', dbFile, 'site', 'build', '--drafts', '--out', outDir, '--json'];
  const useTime = fs.existsSync('/usr/bin/time');
  const start = performance.now();
  const child = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`site build failed: ${child.stderr}`);
  const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(child.stderr ?? '')?.[1] ?? Number.NaN);
  const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  return { seconds, cpu, peakMb: field('Maximum resident set size \\(kbytes\\)') / 1024, result: JSON.parse(child.stdout) };
}

function makeDatabase(dbFile, count) {
  const db = openDatabase(dbFile, { create: true });
  const random = makeRandom(42);
  const insert = db.transaction(() => {
    for (let i = 0; i < count; i++) saveIncident(db, incidentSchema.parse(generateIncident(i, random)), { isNew: true });
  });
  insert();
  return db;
}

console.log(
  `site benchmark: ${SIZES.join(' and ')} generated incidents, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`,
);
for (const count of SIZES) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-site-bench-'));
  try {
    const dbFile = path.join(work, 'bench.db');
    const db = makeDatabase(dbFile, count);
    const outDir = path.join(work, 'site');
    const cold = siteBuild(dbFile, outDir);
    const { result } = cold;
    report(
      `site build, ${count} incidents (cold)`,
      cold.seconds,
      count >= 10_000 ? 45 : null,
      's',
      `${Math.round(result.pages / cold.seconds)} pages/s, ${result.pages} pages; CPU ${cold.cpu.toFixed(1)} s; astro ${result.seconds.astro.toFixed(1)} s, search ${result.seconds.search.toFixed(1)} s (${result.search.pages} pages + ${result.search.records} records)`,
    );
    // The build process or its Pagefind service, whichever peaked higher (time -v reports the largest).
    report(`  peak memory (max RSS)`, cold.peakMb, 2048, 'MB');
    // One incident changes: its title and summary.
    const [id] = db.prepare('SELECT id FROM incidents ORDER BY id LIMIT 1').pluck().all();
    const incident = loadIncident(db, id);
    db.transaction(() =>
      saveIncident(db, { ...incident, title: `${incident.title} (revised)`, summary: `${incident.summary ?? ''}\n\nRevised after review.` }),
    )();
    db.close();
    const warm = siteBuild(dbFile, outDir);
    report(
      `  rebuild after one incident changed`,
      warm.seconds,
      cold.seconds / 2,
      's',
      `${(warm.seconds / cold.seconds).toFixed(2)} of cold; CPU ${warm.cpu.toFixed(1)} s; astro ${warm.result.seconds.astro.toFixed(1)} s, search ${warm.result.seconds.search.toFixed(1)} s`,
    );
    if (fs.existsSync(CHROMIUM)) {
      const search = await firstSearchBytes(outDir, 'timeout');
      report(`  first search download ("timeout")`, search.bytes / 1024, 300, 'KB', `${search.requests} requests, page and scripts included`);
    } else {
      console.log(`skip first search download: ${CHROMIUM} is missing`);
    }
    const size = execFileSync('du', ['-sm', outDir], { encoding: 'utf8' }).split('\t')[0];
    console.log(`     site size ${size} MB, search index ${(result.search.bytes / 1e6).toFixed(1)} MB in ${result.search.files} files\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
console.log(results.every(Boolean) ? 'All site targets met.' : 'Some site targets were missed (MISS above).');
