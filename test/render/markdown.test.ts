import { describe, expect, it } from 'vitest';
import {
  closeOpenFence,
  codeFence,
  escapeInline,
  fencedBlock,
  indentBlock,
  indentContinuation,
  inlineCode,
  normalizeBlock,
  tableCell,
} from '../../src/render/markdown.js';

describe('tableCell', () => {
  it('escapes pipes, also inside code spans', () => {
    expect(tableCell('a | b')).toBe('a \\| b');
    expect(tableCell('`x|y`')).toBe('`x\\|y`');
  });

  it('leaves a pipe that is already escaped alone, but escapes one after an escaped backslash', () => {
    expect(tableCell('a \\| b')).toBe('a \\| b');
    expect(tableCell('a \\\\| b')).toBe('a \\\\\\| b');
  });

  it('turns line breaks into <br> and trims', () => {
    expect(tableCell('  first\nsecond \r\n third  ')).toBe('first<br>second<br>third');
  });

  it('shows an em dash for empty text', () => {
    expect(tableCell('')).toBe('—');
    expect(tableCell(' \n ')).toBe('—');
  });

  it('keeps Markdown inside the cell', () => {
    expect(tableCell('**bold** and [link](https://x.test)')).toBe('**bold** and [link](https://x.test)');
  });
});

describe('inlineCode', () => {
  it('uses one backtick for plain text', () => {
    expect(inlineCode('DATABASE_URL')).toBe('`DATABASE_URL`');
  });

  it('uses a fence longer than any backtick run inside', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('a``b`c')).toBe('```a``b`c```');
  });

  it('pads when the text starts or ends with a backtick', () => {
    expect(inlineCode('`x')).toBe('`` `x ``');
    expect(inlineCode('x`')).toBe('`` x` ``');
    expect(inlineCode('`TICK`')).toBe('`` `TICK` ``');
  });

  it('pads text with a space at both ends so the spaces survive', () => {
    expect(inlineCode(' a ')).toBe('`  a  `');
    expect(inlineCode(' a')).toBe('` a`');
  });

  it('puts line breaks on one line, and gives nothing for empty text', () => {
    expect(inlineCode('a\nb')).toBe('`a b`');
    expect(inlineCode('')).toBe('');
  });
});

describe('codeFence and fencedBlock', () => {
  it('uses three backticks unless the text holds a run of three or more', () => {
    expect(codeFence('plain')).toBe('```');
    expect(codeFence('a `` b')).toBe('```');
    expect(codeFence('```js\n```')).toBe('````');
    expect(codeFence('`````')).toBe('``````');
  });

  it('builds a block with a one-word info string', () => {
    expect(fencedBlock('print(1)\n', 'python')).toBe('```python\nprint(1)\n```');
    expect(fencedBlock('x', 'diff extra `words`')).toBe('```diff\nx\n```');
    expect(fencedBlock('```\ny', null)).toBe('````\n```\ny\n````');
  });
});

describe('escapeInline', () => {
  it('leaves ordinary Markdown alone', () => {
    expect(escapeInline('Pushed to `main` **now**, see [docs](https://x.test) and snake_case')).toBe(
      'Pushed to `main` **now**, see [docs](https://x.test) and snake_case',
    );
  });

  it('puts the value on one line', () => {
    expect(escapeInline(' a\n  b \r\nc ')).toBe('a b c');
  });

  it('escapes a leading block marker', () => {
    expect(escapeInline('# title')).toBe('\\# title');
    expect(escapeInline('> quote')).toBe('\\> quote');
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('+ item')).toBe('\\+ item');
    expect(escapeInline('1. first')).toBe('1\\. first');
    expect(escapeInline('2) second')).toBe('2\\) second');
  });

  it('does not escape what only looks like a marker', () => {
    expect(escapeInline('#hashtag')).toBe('#hashtag');
    expect(escapeInline('-1 degrees')).toBe('-1 degrees');
    expect(escapeInline('3.5 ms')).toBe('3.5 ms');
  });

  it('escapes a trailing closing sequence of a heading', () => {
    expect(escapeInline('Issue #')).toBe('Issue \\#');
    expect(escapeInline('C#')).toBe('C#');
  });

  it('escapes HTML openers outside code spans only', () => {
    expect(escapeInline('a <!-- b')).toBe('a \\<!-- b');
    expect(escapeInline('<input> and `<div>`')).toBe('\\<input> and `<div>`');
    expect(escapeInline('1 < 2')).toBe('1 < 2');
  });
});

describe('block helpers', () => {
  it('normalizeBlock drops outer blank lines and CRs, keeps inner spacing', () => {
    expect(normalizeBlock('\n\n  code\r\nline  \n\n')).toBe('  code\nline');
  });

  it('closeOpenFence closes a fence left open', () => {
    expect(closeOpenFence('a\n```js\nx')).toBe('a\n```js\nx\n```');
    expect(closeOpenFence('~~~~\nx')).toBe('~~~~\nx\n~~~~');
    expect(closeOpenFence('```\nx\n```')).toBe('```\nx\n```');
    expect(closeOpenFence('```` \n```\n')).toBe('```` \n```\n\n````');
  });

  it('indentContinuation indents every line but the first', () => {
    expect(indentContinuation('one\ntwo\n\nthree', 3)).toBe('one\n   two\n\n   three');
  });

  it('indentBlock indents every non-blank line', () => {
    expect(indentBlock('```\na\n\nb\n```', 3)).toBe('   ```\n   a\n\n   b\n   ```');
  });
});
