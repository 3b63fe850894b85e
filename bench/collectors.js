#!/usr/bin/env node
// Collector timings: `npm run build && node bench/collectors.js`.
// 1. collect commits: a one-day window in a repository of 100,000 commits (target 300 ms).
// 2. run checks: 100 endpoint checks against a local server (target 1 s).
// Prints, never asserts (tests hold no timings).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { specsFromOptions } from '../dist/collect/checks/checkSpec.js';
import { runChecks } from '../dist/collect/checks/runChecks.js';
import { collectCommits } from '../dist/collect/git/collectCommits.js';
import { createRedactor } from '../dist/redact/redact.js';
import { median } from './measure.js';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 100_000);
const START = Date.UTC(2025, 0, 1) / 1000;
const STEP = 300; // one commit every 5 minutes: 288 a day, 100,000 over 347 days

function report(name, ms, targetMs, extra = '') {
  const ok = ms <= targetMs;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name.padEnd(52)} ${`${ms.toFixed(1)} ms`.padStart(10)}  target ${targetMs} ms${extra ? `  ${extra}` : ''}`);
}

function git(dir, args, input) {
  const result = spawnSync('git', args, {
    cwd: dir,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

/** A repository of COMMITS commits with fixed dates, made once with `git fast-import` and cached. */
function benchRepo() {
  const dir = path.join(os.tmpdir(), `postmortem-bench-git-${COMMITS}-v1`);
  if (fs.existsSync(path.join(dir, '.bench-ready'))) return { dir, madeMs: null };
  const started = performance.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const parts = [];
  for (let i = 0; i < COMMITS; i++) {
    const when = START + i * STEP;
    const message = `Change ${i}: adjust module ${i % 50}\n`;
    const content = `value = ${i}\n`;
    parts.push(
      `commit refs/heads/main\nmark :${i + 1}\nauthor Bench Author <bench@example.com> ${when} +0100\ncommitter Bench Author <bench@example.com> ${when} +0100\n`,
      `data ${Buffer.byteLength(message)}\n${message}`,
      i > 0 ? `from :${i}\n` : '',
      `M 100644 inline src/module_${i % 50}.py\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
    if (i % 1000 === 0) parts.push(`reset refs/tags/v${i / 1000}\nfrom :${i + 1}\n\n`);
  }
  git(dir, ['fast-import', '--quiet'], parts.join(''));
  git(dir, ['reset', '-q', '--hard', 'main']);
  fs.writeFileSync(path.join(dir, '.bench-ready'), '');
  return { dir, madeMs: performance.now() - started };
}

/** The same history with a commit-graph, as `git gc` or `git maintenance` leaves a repository. */
function withCommitGraph(dir) {
  const graphed = `${dir}-graph`;
  if (fs.existsSync(path.join(graphed, '.git', 'objects', 'info', 'commit-graph'))) return graphed;
  fs.rmSync(graphed, { recursive: true, force: true });
  git(os.tmpdir(), ['clone', '-q', '--local', '--no-checkout', dir, graphed]);
  git(graphed, ['commit-graph', 'write', '--reachable']);
  return graphed;
}

async function timeWindow(dir, dayIndex) {
  const since = (START + dayIndex * 86_400) * 1000;
  const options = { repo: dir, since: new Date(since).toISOString(), until: new Date(since + 86_400_000 - 1000).toISOString() };
  let count = 0;
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = await collectCommits(options, { cwd: dir, redactor: createRedactor() });
    runs.push(performance.now() - start);
    count = result.commits.length;
  }
  return { ms: median(runs), count };
}

console.log(`postmortem collector benchmarks: node ${process.version}, ${os.cpus().length} cores, ${git(os.tmpdir(), ['--version']).trim()}\n`);

const { dir, madeMs } = benchRepo();
console.log(
  `repository: ${COMMITS.toLocaleString('en-US')} commits in ${dir} (${madeMs === null ? 'cached' : `made in ${(madeMs / 1000).toFixed(1)} s with git fast-import`})`,
);
const graphed = withCommitGraph(dir);
const days = Math.floor((COMMITS * STEP) / 86_400);
for (const [repo, kind] of [
  [dir, 'no commit-graph'],
  [graphed, 'commit-graph'],
]) {
  for (const [label, day] of [
    ['newest day', days - 1],
    ['middle day', Math.floor(days / 2)],
    ['oldest day', 0],
  ]) {
    const { ms, count } = await timeWindow(repo, day);
    report(`collect commits, one-day window, ${label} (${kind})`, ms, 300, `${count} commits, median of 5`);
  }
}
// The floor without a commit-graph: git must read every commit from HEAD back to the window, so
// the oldest day costs at least a walk of the whole history (the collector's `git rev-list` is that
// walk; `git log --no-walk` then formats the window's few hundred commits).
const walks = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  git(dir, ['rev-list', '--count', 'HEAD']);
  walks.push(performance.now() - start);
}
console.log(
  `     ${'git rev-list --count HEAD (the walk alone, no commit-graph)'.padEnd(52)} ${`${median(walks).toFixed(1)} ms`.padStart(10)}  the floor for the oldest day`,
);
console.log('  (git walks from HEAD back to the window: older windows cost more; a commit-graph makes the walk cheap)\n');

// 2. Endpoint checks against a local server.
const server = http.createServer((request, response) => {
  response.writeHead(request.url?.startsWith('/health') ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: 'healthy', path: request.url }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const specs = specsFromOptions({ urls: Array.from({ length: 100 }, (_, i) => `${base}/health?i=${i}`), expectStatus: '200', expectJson: 'status=healthy' });
const checkRuns = [];
let passed = 0;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const result = await runChecks(specs, { phase: 'after' }, { now: () => new Date(), redactor: createRedactor() });
  checkRuns.push(performance.now() - start);
  passed = result.checks.filter((check) => check.passed).length;
}
report('run checks: 100 checks, local server', median(checkRuns), 1000, `${passed} passed, concurrency 16, median of 5`);
server.close();
