import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SEED_FILE } from '../helpers/records.js';
import { tempDir, writeTree } from '../helpers/temp.js';

/**
 * `postmortem lint` through the real bin/ (run `npx tsc -p tsconfig.build.json` first).
 * The strict-mode failure text is pinned in test/golden/lint-strict.txt;
 * regenerate it with UPDATE_GOLDEN=1 after an intended change.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const DRAFT = `# Checkout outage

## Summary

Checkout failed. TODO: numbers

## Impact

## Timeline

| Time | Event | Status |
|------|-------|--------|
| 10:00 | Alert | fired | late |

## Action Items

- [ ] Add a payment-gateway alert
`;

async function workspace(files: Record<string, string> = {}): Promise<string> {
  const cwd = tempDir();
  expect((await runCli(['init'], { cwd }))[0]).toBe(0);
  writeTree(cwd, files);
  return cwd;
}

describe('postmortem lint', () => {
  it('--strict exits 7 with the pinned text', async () => {
    const cwd = await workspace({ 'postmortems/checkout.md': DRAFT });
    const result = await runCli(['lint', 'postmortems/checkout.md', '--strict'], { cwd });
    const actual = `exit ${result[0]}\n--- stdout\n${result[1]}--- stderr\n${result[2]}`;
    const file = fileURLToPath(new URL('../golden/lint-strict.txt', import.meta.url));
    if (UPDATE) fs.writeFileSync(file, actual);
    expect(actual).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('without --strict prints the findings and exits 0; a clean file says so', async () => {
    const cwd = await workspace({ 'draft.md': DRAFT, 'clean.md': '# Fine\n\n## Summary\n\nAll good.\n' });
    const [code, stdout, stderr] = await runCli(['lint', 'draft.md', 'clean.md', '--template', 'stakeholder'], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('draft.md:5: warning leftover placeholder "TODO" (in "Summary") [placeholder]\n');
    expect(stdout).toContain('clean.md: error required section "impact" is missing [missing-section]\n');
  });

  it('lints an incident id with its rendered template; --json gives the findings', async () => {
    const cwd = await workspace();
    await runCli(['import', SEED_FILE], { cwd });
    const id = path.basename(SEED_FILE, '.yaml');
    const [code, stdout] = await runCli(['lint', id, '--template', 'sre', '--json'], { cwd });
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout);
    expect(result.target).toBe(id);
    expect(result.kind).toBe('incident');
    expect(result.findings[0]).toEqual({
      rule: 'action-owner',
      severity: 'error',
      message: 'action #1 "Add migration testing to CI/CD pipeline" has no owner',
      section: 'Action items',
    });
    expect(result.findings.filter((f: { rule: string }) => f.rule === 'missing-section')).toEqual([]);
  });

  it('reads stdin, lints folders, and takes required sections from the workspace config', async () => {
    const cwd = await workspace({ 'pms/a.md': '# A\n\n## Summary\n\nx\n', 'pms/sub/b.markdown': '# B\n\n## Summary\n\ny\n' });
    fs.appendFileSync(path.join(cwd, 'postmortem.config.yaml'), '\nlint:\n  required_sections: [summary]\n');
    expect(await runCli(['lint', 'pms', '--strict'], { cwd })).toEqual([0, 'pms/a.md: no problems\npms/sub/b.markdown: no problems\n', '']);
    const [code, stdout] = await runCli(['lint', '--strict'], { cwd, stdin: '# C\n\n## Impact\n\nz\n' });
    expect(code).toBe(7);
    expect(stdout).toBe('<stdin>: error required section "summary" is missing [missing-section]\n<stdin>: 1 error, 0 warnings\n');
  });

  it('says when a target is neither a file nor an incident', async () => {
    const cwd = await workspace();
    const [code, , stderr] = await runCli(['lint', 'missing.md'], { cwd });
    expect([code, stderr]).toEqual([4, 'error: The file missing.md does not exist.\nhint: Check the path; nothing was linted.\n']);
    const [idCode, , idErr] = await runCli(['lint', 'no-such-incident'], { cwd });
    expect(idCode).toBe(4);
    expect(idErr).toContain('Incident "no-such-incident" does not exist.');
  });

  it('documents the exit codes in --help', async () => {
    const [code, stdout] = await runCli(['lint', '--help'], { cwd: tempDir() });
    expect(code).toBe(0);
    expect(stdout).toContain('7 findings with --strict');
    expect(stdout).toContain('postmortem lint postmortems/ --strict');
  });
});
