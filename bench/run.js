#!/usr/bin/env node
// `npm run bench`: the performance targets of the record, CLI and renderer.
// Prints times, rates, ratios and sizes; never asserts (tests hold no timings).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterateIncidents, loadIncident } from '../dist/db/incidentStore.js';
import { openDatabase } from '../dist/db/open.js';
import { listIncidents } from '../dist/incidents/list.js';
import { serializeIncident } from '../dist/record/fileForm.js';
import { incidentSchema } from '../dist/record/schema.js';
import { renderIncident } from '../dist/render/render.js';
import { allIncidentIds } from '../dist/sync/exportRecords.js';
import { generateIncident, makeRandom } from './generate.js';
import { median, reportAgainstBudget, seconds, time } from './measure.js';

const COUNT = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-'));
const results = [];

/** CPU seconds (user + system) of the finished child processes so far, from /proc (Linux); null elsewhere. */
function childrenCpuSeconds() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}
const report = (...line) => reportAgainstBudget(results, ...line);

console.log(`postmortem benchmarks: ${COUNT} generated incidents, node ${process.version}, ${os.cpus().length} cores\n`);

// 1. Record files.
const recordsDir = path.join(work, 'incidents');
fs.mkdirSync(recordsDir);
const random = makeRandom(42);
let bytes = 0;
for (let i = 0; i < COUNT; i++) {
  const incident = incidentSchema.parse(generateIncident(i, random));
  const text = serializeIncident(incident);
  bytes += text.length;
  // Named as `postmortem export` names them.
  fs.writeFileSync(path.join(recordsDir, `${incident.id}.yaml`), text);
}
console.log(`record files: ${COUNT}, ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / COUNT / 1024).toFixed(1)} KB on average`);

// 2. Import into a fresh database, as a user runs it: `postmortem import DIR`.
const dbFile = path.join(work, 'bench.db');
const cpuBefore = childrenCpuSeconds();
const [importMs] = time(() => execFileSync(process.execPath, [bin, '--db', dbFile, 'import', recordsDir], { stdio: 'ignore' }));
const cpuAfter = childrenCpuSeconds();
// CPU time (all threads) says more than wall time on a machine shared with other work.
const importCpu = cpuBefore === null || cpuAfter === null ? '' : `, ${(cpuAfter - cpuBefore).toFixed(2)} s CPU`;
report(
  `postmortem import (${COUNT} record files)`,
  { value: importMs, text: seconds(importMs) },
  { value: 5000, text: '5 s' },
  `${Math.round(COUNT / (importMs / 1000))} files/s, ${(bytes / 1e6 / (importMs / 1000)).toFixed(1)} MB/s, database ${(fs.statSync(dbFile).size / 1e6).toFixed(0)} MB${importCpu}`,
);
const db = openDatabase(dbFile);

// 3. list: the library call, and the whole CLI process.
const listRuns = Array.from({ length: 5 }, () => time(() => listIncidents(db))[0]);
report(`list ${COUNT} (library)`, { value: median(listRuns), text: `${median(listRuns).toFixed(0)} ms` }, { value: 500, text: '500 ms' });
const cliList = Array.from({ length: 3 }, () => time(() => execFileSync(process.execPath, [bin, '--db', dbFile, 'list', '--json'], { maxBuffer: 1 << 30 }))[0]);
report(`postmortem list --json (${COUNT})`, { value: median(cliList), text: `${median(cliList).toFixed(0)} ms` }, { value: 1000, text: '1 s' });

// 4. Render every incident: one pass over the database, view model, Handlebars.
let renderedBytes = 0;
const [renderMs] = time(() => {
  for (const incident of iterateIncidents(db)) renderedBytes += renderIncident(incident, {}).length;
});
const ids = allIncidentIds(db);
const [singleLoadMs] = time(() => {
  for (const id of ids.slice(0, 1000)) loadIncident(db, id);
});
report(
  `render ${COUNT} postmortems`,
  { value: renderMs, text: seconds(renderMs) },
  { value: 5000, text: '5 s' },
  `${Math.round(COUNT / (renderMs / 1000))}/s, ${(renderedBytes / COUNT / 1024).toFixed(1)} KB each; loading one by one ${Math.round(1000 / (singleLoadMs / 1000))}/s`,
);
// 4b. HTML: the same Markdown through micromark with GFM, raw HTML escaped and unsafe URLs dropped (issue 4: 200 or more per second).
const { renderHtmlPage } = await import('../dist/render/html.js');
let htmlCount = 0;
const [htmlMs] = time(() => {
  for (const incident of iterateIncidents(db)) {
    if (htmlCount === 1000) break;
    renderHtmlPage(renderIncident(incident, {}), incident.title);
    htmlCount += 1;
  }
});
const htmlRate = htmlCount / (htmlMs / 1000);
report(`render HTML (${htmlCount} pages)`, { value: 200 / htmlRate, text: `${Math.round(htmlRate)}/s` }, { value: 1, text: '200/s' });
db.close();

// 5. --help: startup cost over a bare node process (printed from the build's snapshot of the real help).
const startup = (args) => median(Array.from({ length: 9 }, () => time(() => execFileSync(process.execPath, args))[0]));
const bare = startup(['-e', '0']);
const help = startup([bin, '--help']);
report(
  'postmortem --help',
  { value: help, text: `${help.toFixed(0)} ms` },
  { value: 150, text: '150 ms' },
  `bare node ${bare.toFixed(0)} ms, so the CLI adds ${(help - bare).toFixed(0)} ms (${(help / bare).toFixed(2)}x)${
    fs.existsSync(path.join(root, 'dist', 'cli', 'help.txt')) ? '' : '; no help snapshot (the build runs node dist/cli/helpSnapshot.js)'
  }`,
);
// The same with the live program (what every other command pays before its own work).
const live = startup([bin, '--version']);
console.log(`     ${'postmortem --version (live program)'.padEnd(38)} ${`${live.toFixed(0)} ms`.padStart(10)}  ${(live / bare).toFixed(2)}x bare node`);

fs.rmSync(work, { recursive: true, force: true });
console.log(`\n${results.filter(Boolean).length} of ${results.length} targets met`);
