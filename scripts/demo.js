#!/usr/bin/env node
// `npm run demo`: the main job on the bundled example, from raw evidence.
// The migration 0021 outage's narrative (what no collector can know) is imported,
// then every fact is collected: the deploy log, a git repository of the fix made
// on the fly, endpoint checks against a stand-in of the service on 127.0.0.1, and
// the service's environment. Then the postmortem is rendered.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeFixRepo } from './demo/fixRepo.js';
import { startStandIn } from './demo/standIn.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const ID = '2026-01-05-migration-0021-duplicate-table';
const evidence = path.join('incidents', ID);
const out = path.join(root, 'out', 'demo');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const db = path.relative(root, path.join(out, 'postmortem.db'));

// Asynchronous, so the stand-in service in this process can answer the checks.
const execFileAsync = promisify(execFile);
async function run(args, env = {}) {
  console.log(`\n$ postmortem ${args.map((a) => (/[\s"*]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const { stdout, stderr } = await execFileAsync(process.execPath, [bin, '--db', db, ...args], { cwd: root, env: { ...process.env, ...env } });
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  return stdout;
}

const repo = path.join(out, 'repo');
makeFixRepo(repo);
const service = await startStandIn();
try {
  await run(['import', path.join(evidence, 'narrative.yaml')]);
  await run(['collect', 'logs', ID, path.join(evidence, 'deploy.log'), '--source', 'railway']);
  await run(['collect', 'commits', ID, '--repo', path.relative(root, repo), '--since', '2026-01-05T16:00:00Z', '--until', '2026-01-05T18:00:00Z']);
  // The example is replayed at the time it happened: the checks are stamped 17:16:30 UTC on the day.
  await run(['collect', 'checks', ID, '--file', path.join(evidence, 'checks.yaml'), '--base-url', service.url], { POSTMORTEM_NOW: '2026-01-05T17:16:30Z' });
  await run([
    'collect',
    'env',
    ID,
    '--required',
    'DATABASE_URL,SECRET_KEY,JWT_SECRET,OPENAI_API_KEY,ENVIRONMENT',
    '--optional',
    'FIREBASE_JSON,GOOGLE_CLIENT_ID,SMTP_*',
    '--from',
    path.join(evidence, 'railway.env'),
  ]);
  await run(['timeline', ID]);
  const file = path.relative(root, path.join(out, ID, 'postmortem.md'));
  await run(['render', ID, '--out', file]);
  console.log(`\nThe postmortem is ready: ${file}`);
  console.log(`Explore it: node bin/postmortem.js --db ${db} show ${ID}`);
} finally {
  await service.close();
}

// The knowledge-base site for the example. The demo incident is still a draft, so drafts are included.
const site = path.relative(root, path.join(out, 'site'));
await run(['site', 'build', '--drafts', '--out', site]);
console.log(`\nThe knowledge base is built: ${path.join(site, 'index.html')}`);
console.log(`Open it through any static server, e.g.: python3 -m http.server -d ${site} 8000  (then http://127.0.0.1:8000/)`);
console.log(`Or preview it live: node bin/postmortem.js --db ${db} site dev --drafts`);
