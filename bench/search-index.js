#!/usr/bin/env node
// The search-index step of `postmortem site build` alone: `indexSite` (src/site/searchIndex.ts,
// from dist/) on an already-built site, with the wall and CPU time of each step and the peak
// memory of this process and of the Pagefind service (a separate binary). Prints; never asserts.
//
//   node bench/search-index.js --setup 10000         # once: generate and build a site to reuse
//   node bench/search-index.js [site dir] [--runs 3] [--impl current|baseline] [--first-search]
//
// The site is kept in /tmp/pm-search-bench/<count>/ (BENCH_SEARCH_INDEX_DIR overrides), with the
// `search-records.json` the build wrote copied beside it as records.json (the build removes it
// after indexing); every run restores it and deletes the previous index. `--impl baseline` runs
// the step as it was before it was optimised (addDirectory over the pages, records in parallel)
// for comparison. `--first-search` then loads the search page in headless Chromium and counts the
// bytes of the first search (as bench/site.js does; the page's client is the one the site was
// built with).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, firstSearchBytes } from './firstSearch.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const WORK = process.env.BENCH_SEARCH_INDEX_DIR ?? '/tmp/pm-search-bench';
const TICK = 100; // clock ticks per second in /proc/<pid>/stat (USER_HZ)
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const flag = (name) => args.includes(`--${name}`);

if (flag('setup')) await setup(Number(option('setup', '10000')));
else if (flag('child')) await child(option('child'), option('impl', 'current'));
else await main();

/** Generates `count` incidents (bench/generate.js, seed 42 like bench/site.js) and builds their site once. */
async function setup(count) {
  const { saveIncident } = await import('../dist/db/incidentStore.js');
  const { openDatabase } = await import('../dist/db/open.js');
  const { incidentSchema } = await import('../dist/record/schema.js');
  const { generateIncident, makeRandom } = await import('./generate.js');
  const work = path.join(WORK, String(count));
  fs.mkdirSync(work, { recursive: true });
  const dbFile = path.join(work, 'bench.db');
  if (!fs.existsSync(dbFile)) {
    const db = openDatabase(dbFile, { create: true });
    const random = makeRandom(42);
    db.transaction(() => {
      for (let i = 0; i < count; i++) saveIncident(db, incidentSchema.parse(generateIncident(i, random)), { isNew: true });
    })();
    db.close();
  }
  const site = path.join(work, 'site');
  const build = spawn(process.execPath, [path.join(root, 'bin', 'postmortem.js'), '--db', dbFile, 'site', 'build', '--drafts', '--out', site, '--json'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // The build deletes search-records.json once Pagefind has read it: keep a copy while it exists.
  const records = path.join(site, 'search-records.json');
  const keep = setInterval(() => {
    if (fs.existsSync(records)) fs.copyFileSync(records, path.join(work, 'records.json'));
  }, 200);
  await new Promise((resolve) => build.on('exit', resolve));
  clearInterval(keep);
  console.log(fs.existsSync(path.join(work, 'records.json')) ? `site and records.json in ${work}` : 'records.json was not caught');
}

async function main() {
  const site = args.find((a, n) => !a.startsWith('--') && !args[n - 1]?.startsWith('--')) ?? path.join(WORK, '10000', 'site');
  const runs = Number(option('runs', '1'));
  const impl = option('impl', 'current');
  console.log(`search index benchmark: ${site} (${impl}), node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`);
  for (let run = 1; run <= runs; run++) {
    const useTime = fs.existsSync('/usr/bin/time');
    const command = [process.execPath, fileURLToPath(import.meta.url), '--child', site, '--impl', impl];
    const started = performance.now();
    const result = useTime
      ? spawnSync('/usr/bin/time', ['-v', ...command], { encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`run failed: ${result.stderr}`);
    const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(result.stderr ?? '')?.[1] ?? Number.NaN);
    const out = JSON.parse(result.stdout.trim().split('\n').pop());
    console.log(
      `run ${run}: ${out.stats.pages} pages + ${out.stats.records} records, index ${(out.stats.bytes / 1e6).toFixed(1)} MB in ${out.stats.files} files`,
    );
    console.log(`  ${'step'.padEnd(22)} ${'wall s'.padStart(8)} ${'node CPU s'.padStart(11)} ${'pagefind CPU s'.padStart(15)}`);
    for (const step of out.steps) {
      console.log(
        `  ${step.name.padEnd(22)} ${step.wall.toFixed(2).padStart(8)} ${step.nodeCpu.toFixed(2).padStart(11)} ${step.pagefindCpu.toFixed(2).padStart(15)}`,
      );
    }
    const total = out.steps.reduce((sum, s) => ({ wall: sum.wall + s.wall, node: sum.node + s.nodeCpu, pf: sum.pf + s.pagefindCpu }), {
      wall: 0,
      node: 0,
      pf: 0,
    });
    console.log(
      `  ${'indexSite total'.padEnd(22)} ${total.wall.toFixed(2).padStart(8)} ${total.node.toFixed(2).padStart(11)} ${total.pf.toFixed(2).padStart(15)}   CPU ${(total.node + total.pf).toFixed(1)} s`,
    );
    console.log(`  peak RSS: node ${Math.round(out.nodePeakMb)} MB, pagefind ${Math.round(out.pagefindPeakMb)} MB`);
    if (useTime) {
      const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
      console.log(
        `  whole process (time -v): ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU (node start-up included), max RSS ${Math.round(field('Maximum resident set size \\(kbytes\\)') / 1024)} MB`,
      );
    }
  }
  if (flag('first-search')) {
    if (!fs.existsSync(CHROMIUM)) console.log(`skip first search download: ${CHROMIUM} is missing`);
    else
      for (const query of ['timeout', 'DuplicateTable']) {
        const search = await firstSearchBytes(site, query);
        console.log(
          `first search download ("${query}"): ${Math.round(search.bytes / 1024)} KB (target 300 KB), ${search.requests} requests, ${search.results} results`,
        );
      }
  }
}

/** Runs one index step, sampling this process and the Pagefind service; prints JSON. */
async function child(site, impl) {
  const records = path.join(path.dirname(site), 'records.json');
  if (fs.existsSync(records)) fs.copyFileSync(records, path.join(site, 'search-records.json'));
  fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
  const sampler = sampleService();
  const steps = [];
  let last = { at: performance.now(), cpu: process.cpuUsage(), pf: 0 };
  const onStep = (name) => {
    const now = { at: performance.now(), cpu: process.cpuUsage(), pf: sampler.cpu() };
    const cpu = (now.cpu.user + now.cpu.system - last.cpu.user - last.cpu.system) / 1e6;
    steps.push({ name, wall: (now.at - last.at) / 1000, nodeCpu: cpu, pagefindCpu: now.pf - last.pf });
    last = now;
  };
  const stats = impl === 'baseline' ? await baselineIndexSite(site, onStep) : await currentIndexSite(site, onStep);
  onStep('close');
  sampler.stop();
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const nodePeakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  console.log(JSON.stringify({ stats, steps, nodePeakMb, pagefindPeakMb: sampler.peakMb() }));
}

async function currentIndexSite(site, onStep) {
  const { indexSite } = await import('../dist/site/searchIndex.js');
  return indexSite(site, { onStep });
}

/** The step as it was (commit d04c362): addDirectory over the pages, then every record at once. */
async function baselineIndexSite(outDir, onStep) {
  const pagefind = await import('pagefind');
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  onStep('createIndex');
  const added = await index.addDirectory({ path: outDir, glob: 'incidents/*/index.html' });
  onStep('addDirectory');
  const file = path.join(outDir, 'search-records.json');
  const records = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  fs.rmSync(file, { force: true });
  await Promise.all(
    records.map((r) => index.addCustomRecord({ url: r.url, content: r.content, language: 'en', meta: { title: r.title }, filters: r.filters })),
  );
  onStep('custom records');
  await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  onStep('writeFiles');
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(path.join(outDir, 'pagefind'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  await pagefind.close();
  return { pages: added.page_count, records: records.length, files, bytes };
}

/**
 * Samples the Pagefind service (a child of this process) every 50 ms: its CPU seconds
 * (utime + stime of /proc/<pid>/stat) and peak RSS (VmHWM, kept by the kernel, so a
 * sample after the peak sees it).
 */
function sampleService() {
  const pids = new Map();
  const read = () => {
    let children = [];
    try {
      children = fs
        .readdirSync('/proc/self/task')
        .flatMap((task) => fs.readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
    } catch {}
    for (const pid of children) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cpu = (Number(fields[11]) + Number(fields[12])) / TICK;
        // A process that has exited (a zombie) has no VmHWM any more: keep the last seen.
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
        pids.set(pid, { cpu, hwm: Math.max(hwm, pids.get(pid)?.hwm ?? 0) });
      } catch {}
    }
  };
  const timer = setInterval(read, 50);
  return {
    cpu() {
      read();
      return [...pids.values()].reduce((sum, p) => sum + p.cpu, 0);
    },
    peakMb: () => Math.max(0, ...[...pids.values()].map((p) => p.hwm)),
    stop: () => clearInterval(timer),
  };
}
