import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/actions/csv.js';
import { parseRfc4180 } from './rfc4180.js';

describe('CSV (RFC 4180)', () => {
  it('quotes only what needs quoting, doubles quotes, ends lines in CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['plain', 'has, comma'],
          ['say "hi"', 'two\nlines'],
          [null, 3],
          [true, ''],
        ],
      ),
    ).toBe('a,b\r\nplain,"has, comma"\r\n"say ""hi""","two\nlines"\r\n,3\r\ntrue,\r\n');
  });

  it('defuses spreadsheet formulas in text cells, not in numbers', () => {
    expect(['=1+2', '+1', '-x', '@SUM(A1)', '\tx', 'a=b'].map(csvField)).toEqual(["'=1+2", "'+1", "'-x", "'@SUM(A1)", "'\tx", 'a=b']);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField(-3)).toBe('-3');
  });

  it('round-trips awkward text through an RFC 4180 reader', () => {
    const awkward = ['comma, inside', 'quote " inside', '"quoted"', 'line\nbreak', 'crlf\r\nbreak', 'ünïcødé ✓', '', ' spaces '];
    const parsed = parseRfc4180(
      toCsv(
        ['text', 'n'],
        awkward.map((text, i) => [text, i]),
      ),
    );
    expect(parsed).toEqual([['text', 'n'], ...awkward.map((text, i) => [text, String(i)])]);
  });
});
