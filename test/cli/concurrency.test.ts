import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

describe('two commands at once', () => {
  it('both succeed: WAL and a busy timeout make writers take turns, and no write is lost', async () => {
    const cwd = tempDir();
    await runCli(['init'], { cwd });
    await runCli(['new', 'Busy', '--id', 'busy'], { cwd });
    const writers = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0 ? runCli(['action', 'add', 'busy', `Action ${i}`], { cwd }) : runCli(['new', `Other ${i}`, '--id', `other-${i}`], { cwd }),
    );
    const readers = Array.from({ length: 4 }, () => runCli(['list', '--json'], { cwd }));
    const results = await Promise.all([...writers, ...readers]);
    expect(results.map(([code, , stderr]) => [code, stderr])).toEqual(results.map(() => [0, '']));
    const [, json] = await runCli(['show', 'busy', '--json'], { cwd });
    expect(
      JSON.parse(json)
        .actions.map((a: { text: string }) => a.text)
        .sort(),
    ).toEqual(['Action 0', 'Action 2', 'Action 4', 'Action 6']);
    const [, list] = await runCli(['list', '--json'], { cwd });
    expect(JSON.parse(list)).toHaveLength(5);
  });
});
