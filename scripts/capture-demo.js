#!/usr/bin/env node
// `node scripts/capture-demo.js`: the bundled example the way a team would live it.
// It prepares a workspace in out/capture-demo/ as a team would have it (the
// service's deploy log, its git repository, a checks file, its .env, and a
// `capture:` section in postmortem.config.yaml saying where they are), starts a
// stand-in of the service on 127.0.0.1, and runs one command:
//
//   postmortem capture "Railway deployment crashed: migration 0021 DuplicateTable" --answers answers.yaml --no-input
//
// answers.yaml is the example's narrative.yaml: what no collector can know.
// The example is replayed at the time it happened (POSTMORTEM_NOW), so the
// "last 2 hours" window and the checks' timestamps are those of the day.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeFixRepo } from './demo/fixRepo.js';
import { startStandIn } from './demo/standIn.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const example = path.join(root, 'incidents', '2026-01-05-migration-0021-duplicate-table');
const workspace = path.join(root, 'out', 'capture-demo');
const TITLE = 'Railway deployment crashed: migration 0021 DuplicateTable';
const NOW = '2026-01-05T17:16:30Z';

/** The `capture:` settings of the prepared workspace; the base URL is the stand-in's. */
export function captureSettings(baseUrl) {
  return `
capture:
  logs:
    - file: logs/deploy.log
      source: railway
  repos: [api]
  since: 2h
  checks: checks.yaml
  base_url: ${baseUrl}
  env:
    required: [DATABASE_URL, SECRET_KEY, JWT_SECRET, OPENAI_API_KEY, ENVIRONMENT]
    optional: [FIREBASE_JSON, GOOGLE_CLIENT_ID, SMTP_*]
    from: .env.production
`;
}

/** Lays out the raw evidence in `dir` as a team's workspace would hold it (without the config). */
export function prepareEvidence(dir) {
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.copyFileSync(path.join(example, 'deploy.log'), path.join(dir, 'logs', 'deploy.log'));
  fs.copyFileSync(path.join(example, 'checks.yaml'), path.join(dir, 'checks.yaml'));
  fs.copyFileSync(path.join(example, 'railway.env'), path.join(dir, '.env.production'));
  fs.copyFileSync(path.join(example, 'narrative.yaml'), path.join(dir, 'answers.yaml'));
  makeFixRepo(path.join(dir, 'api'));
}

const execFileAsync = promisify(execFile);
async function run(args, env = {}) {
  console.log(`\n$ postmortem ${args.map((a) => (/[\s"*:]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], { cwd: workspace, env: { ...process.env, ...env } });
    process.stdout.write(stdout);
    process.stderr.write(stderr);
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    process.stderr.write(error.stderr ?? '');
    if (error.code !== 7) throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  await run(['init']);
  prepareEvidence(workspace);
  const service = await startStandIn();
  try {
    fs.appendFileSync(path.join(workspace, 'postmortem.config.yaml'), captureSettings(service.url));
    console.log(`\nPrepared ${path.relative(root, workspace)}/: logs/deploy.log, api/ (git), checks.yaml, .env.production, answers.yaml,`);
    console.log(`and a capture: section in postmortem.config.yaml; the service's stand-in answers on ${service.url}.`);
    await run(['capture', TITLE, '--answers', 'answers.yaml', '--no-input'], { POSTMORTEM_NOW: NOW });
  } finally {
    await service.close();
  }
  console.log(`\nNext: cd ${path.relative(process.cwd(), workspace) || '.'} and follow docs/capture-and-publish.md to review and publish it.`);
}
