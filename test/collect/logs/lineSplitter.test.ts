import { describe, expect, it } from 'vitest';
import { createLineSplitter, type LineSink } from '../../../src/collect/logs/lineSplitter.js';

function split(chunks: (string | Buffer)[], maxLineBytes?: number) {
  const lines: string[] = [];
  const sink: LineSink = {
    line(text, bytes, start, end) {
      expect(text.length).toBeGreaterThan(end - 1);
      lines.push(bytes.toString('utf8', start, end));
    },
  };
  const splitter = createLineSplitter(sink, { maxLineBytes });
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return { lines, stats: splitter.stats };
}

describe('createLineSplitter', () => {
  it('splits on LF and joins lines cut across chunks', () => {
    expect(split(['one\ntw', 'o\nthr', 'ee\n', 'four']).lines).toEqual(['one', 'two', 'three', 'four']);
  });

  it('drops the CR of CRLF line ends and counts them', () => {
    const { lines, stats } = split(['a\r\nb\r', '\nc\r\n']);
    expect(lines).toEqual(['a', 'b', 'c']);
    expect(stats.crlfLines).toBe(3);
  });

  it('keeps empty lines and reads nothing from empty input', () => {
    expect(split(['a\n\n\nb\n']).lines).toEqual(['a', '', '', 'b']);
    expect(split([]).stats).toMatchObject({ lines: 0, bytes: 0 });
  });

  it('cuts a long line at the cap, at a character boundary, and skips the rest as it streams by', () => {
    const long = `${'é'.repeat(40)}\nnext\n`;
    const { lines, stats } = split([long.slice(0, 10), long.slice(10)], 21);
    expect(lines).toEqual(['é'.repeat(10), 'next']);
    expect(stats.truncatedLines).toBe(1);
  });

  it('never holds more than the cap of a line that spans many chunks', () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const { lines, stats } = split([...Array.from({ length: 50 }, () => chunk), Buffer.from('\nafter\n')], 1024);
    expect(lines.map((l) => l.length)).toEqual([1024, 5]);
    expect(stats.truncatedLines).toBe(1);
  });

  it('counts lines with NUL bytes (and drops the NULs) and lines that are not UTF-8', () => {
    const { lines, stats } = split([Buffer.from('ok\nbin\u0000ary\n'), Buffer.from([0x62, 0xff, 0x61, 0x64, 0x0a])]);
    expect(lines).toEqual(['ok', 'binary', 'b\ufffdad']);
    expect(stats).toMatchObject({ nulLines: 1, invalidUtf8Lines: 1, lines: 3 });
  });

  it('does not count a multi-byte character split across chunks as invalid', () => {
    const bytes = Buffer.from('café\nnaïve\n');
    const { lines, stats } = split([bytes.subarray(0, 4), bytes.subarray(4, 9), bytes.subarray(9)]);
    expect(lines).toEqual(['café', 'naïve']);
    expect(stats.invalidUtf8Lines).toBe(0);
  });
});
