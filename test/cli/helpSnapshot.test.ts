import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveHelp, makeHelpSnapshot, printSnapshotHelp, snapshotText } from '../../src/cli/helpSnapshot.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/** A snapshot made from the live program, beside a stand-in program.js whose bytes it records. */
async function snapshotFiles(): Promise<{ snapshot: URL; program: URL; bytes: Buffer }> {
  const dir = tempDir();
  const program = path.join(dir, 'program.js');
  fs.writeFileSync(program, 'export const program = 1;\n');
  const stat = fs.statSync(program);
  const bytes = await makeHelpSnapshot({ bytes: fs.readFileSync(program), size: stat.size, mtimeMs: stat.mtimeMs });
  const snapshot = path.join(dir, 'help.txt');
  fs.writeFileSync(snapshot, bytes);
  return { snapshot: pathToFileURL(snapshot), program: pathToFileURL(program), bytes };
}

const WIDTHS = [40, 41, 60, 79, 80, 81, 100, 120, 150, 176, 177, 178, 250, 1000];

describe('the --help snapshot', () => {
  it('holds, for every width, exactly what the live program prints', async () => {
    const { program, bytes } = await snapshotFiles();
    for (const width of WIDTHS) {
      expect({ width, text: snapshotText(bytes, width, program)?.toString('utf8') }).toEqual({ width, text: await liveHelp(width) });
    }
    // Narrower terminals are left to the live program.
    expect(snapshotText(bytes, 39, program)).toBeNull();
  });

  it('is not used once program.js has changed', async () => {
    const { program, bytes } = await snapshotFiles();
    fs.writeFileSync(program, 'export const program = 2;\n');
    fs.utimesSync(program, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    expect(snapshotText(bytes, 80, program)).toBeNull();
  });

  it('is still used when program.js only has another modification time (a packed install)', async () => {
    const { program, bytes } = await snapshotFiles();
    fs.utimesSync(program, new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    expect(snapshotText(bytes, 80, program)?.toString('utf8')).toBe(await liveHelp(80));
  });

  it('answers only `--help`, `-h` and no arguments, on the stream commander uses', async () => {
    const written: string[] = [];
    const stream = (name: string) => ({ isTTY: false, write: (data: Uint8Array) => written.push(`${name}:${data.length}`) });
    const missing = pathToFileURL(path.join(tempDir(), 'help.txt'));
    expect(printSnapshotHelp(['--help'], stream('out'), stream('err'), missing)).toBe(false);
    expect(printSnapshotHelp(['list'], stream('out'), stream('err'), missing)).toBe(false);
    expect(printSnapshotHelp(['--help', 'list'], stream('out'), stream('err'), missing)).toBe(false);
    expect(written).toEqual([]);
  });
});

describe('postmortem --help (black box)', () => {
  it('prints the live program help, snapshot or not', async () => {
    const cwd = tempDir();
    const live = await liveHelp(80);
    expect(await runCli(['--help'], { cwd })).toEqual([0, live, '']);
    expect(await runCli(['-h'], { cwd })).toEqual([0, live, '']);
    expect(await runCli([], { cwd })).toEqual([0, '', live]);
  });
});
