#!/usr/bin/env node
// `npm run demo`: the main job on the bundled example. Imports the record files in
// incidents/ into a throwaway database, renders each postmortem, prints the paths.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'postmortem.js');
const out = path.join(root, 'out', 'demo');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const db = path.join(out, 'postmortem.db');

const run = (...args) => {
  console.log(`$ postmortem ${args.join(' ')}`);
  const output = execFileSync(process.execPath, [bin, '--db', db, ...args], { cwd: root, encoding: 'utf8' });
  process.stdout.write(output);
  return output;
};

run('import', 'incidents/');
const incidents = JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'list', '--json'], { cwd: root, encoding: 'utf8' }));
run('list');
const written = [];
for (const incident of incidents) {
  const file = path.relative(root, path.join(out, incident.id, 'postmortem.md'));
  run('render', incident.id, '--out', file);
  written.push(file);
}
console.log(`\nThe postmortem${written.length === 1 ? ' is' : 's are'} ready:\n${written.map((file) => `  ${file}`).join('\n')}`);
console.log(`\nTry: node bin/postmortem.js --db ${path.relative(root, db)} show ${incidents[0]?.id ?? 'ID'}`);
