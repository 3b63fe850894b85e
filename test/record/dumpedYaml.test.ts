import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS generator shared with the benchmarks
import { generateIncident, makeRandom } from '../../bench/generate.js';
import { readDumpedYaml } from '../../src/record/dumpedYaml.js';
import { parseIncidentFile, serializeIncident } from '../../src/record/fileForm.js';
import { loadYaml } from '../../src/record/loadYaml.js';
import { incidentSchema } from '../../src/record/schema.js';
import { makeIncident, seedIncident } from '../helpers/records.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The options of serializeIncident's dump (src/record/fileForm.ts). */
const DUMP: yaml.DumpOptions = { schema: yaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, sortKeys: false };

const jsYaml = (text: string): unknown => yaml.load(text, { schema: yaml.CORE_SCHEMA });

/** The fast reader takes the text and returns exactly what js-yaml returns (-0, key order and all). */
function expectTaken(text: string): void {
  const fast = readDumpedYaml(text);
  expect(fast, `declined:\n${text}`).not.toBeUndefined();
  const slow = jsYaml(text);
  if (!isDeepStrictEqual(fast, slow)) expect(fast, text).toStrictEqual(slow);
  expect(isDeepStrictEqual(fast, slow), text).toBe(true);
}

/** Strings a dump must quote, escape or write as a block, and scalars that are not strings. */
const TRICKY_STRINGS = [
  '',
  ' ',
  'yes',
  'no',
  'Yes',
  'NO',
  'on',
  'off',
  'y',
  'n',
  'null',
  'Null',
  'NULL',
  '~',
  'true',
  'False',
  '0x1f',
  '0o17',
  '0b101',
  '1e3',
  '1.5',
  '-1',
  '+1',
  '.inf',
  '-.inf',
  '.nan',
  '012',
  '0',
  '-0',
  '1_000',
  '12:30',
  '1:30:00',
  '2026-01-05',
  '2026-01-05T17:00:00+01:00',
  '-',
  '- a',
  '-a',
  '? x',
  '?x',
  ': x',
  ':x',
  'a: b',
  'a:b',
  'end:',
  'a #b',
  'a# b',
  '#x',
  "it's",
  "''",
  '"quoted"',
  "'single'",
  '"',
  "'",
  '\\',
  '\\n',
  'back\\slash',
  'tab\there',
  '\tfirst',
  'cr\rline',
  'crlf\r\nline',
  ' lead',
  'trail ',
  ' both ',
  'multi\nline',
  'multi\nline\n',
  'multi\nline\n\n',
  '\n',
  '\n\n',
  ' \nx',
  '\nx',
  '\n x',
  'x\n ',
  'x\n \ny',
  'a\n\n\nb',
  '  indented\nfirst',
  'line\n  indented more\nback',
  'emoji 😀 🔥',
  'ünïcödé ı ş Tomás Yılmaz',
  '日本語のテキスト',
  '\u2028',
  'a\u2029b',
  '\u0085',
  '\u00a0nbsp',
  '\x07bell',
  '\x1b[31mred',
  '\x00nul',
  '\x7f',
  '\ufeffbom',
  '@at',
  '`tick`',
  '%pct',
  '&anchor',
  '*alias',
  '!tag',
  '|pipe',
  '>gt',
  '[a]',
  '{a: 1}',
  '[]',
  '{}',
  'a, b',
  ',x',
  '---',
  '...',
  '--- a',
  '<<',
  '=',
  '__proto__',
  'constructor',
  'key: value\nother: x',
  'http://example.com/a?b=c#d',
  'x'.repeat(1100),
  'Traceback (most recent call last):\n  File "app/main.py", line 3, in startup\nKeyError: x',
  '- item\n- item',
  '# heading\n\ntext',
];
const OTHER_SCALARS: unknown[] = [
  0,
  -0,
  1,
  -5,
  1.5,
  0.1,
  1e21,
  123456789012345680,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  null,
];

describe('readDumpedYaml', () => {
  it('reads generated incident records exactly as js-yaml does', () => {
    const random = makeRandom(7);
    for (let i = 0; i < 400; i++) expectTaken(serializeIncident(incidentSchema.parse(generateIncident(i, random))));
  });

  it('reads the bundled record files and the test records', () => {
    const files = fs
      .readdirSync(path.join(ROOT, 'incidents'))
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => path.join(ROOT, 'incidents', file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expectTaken(fs.readFileSync(file, 'utf8'));
    expectTaken(serializeIncident(seedIncident()));
    expectTaken(serializeIncident(makeIncident()));
  });

  it('reads tricky strings as values, list items, keys and block text', () => {
    for (const value of [...TRICKY_STRINGS, ...OTHER_SCALARS]) {
      const documents = [{ value }, { list: [value, 'after'], next: 1 }, { deep: { items: [{ text: value, tags: [value] }, { text: 'x' }] }, end: value }];
      for (const document of documents) expectTaken(yaml.dump(document, DUMP));
      // Keys other than plain names may be left to js-yaml, but what is taken must be right.
      const keyed = yaml.dump({ [String(value)]: value, other: [String(value)] }, DUMP);
      const fast = readDumpedYaml(keyed);
      if (fast !== undefined) expect(isDeepStrictEqual(fast, jsYaml(keyed)), keyed).toBe(true);
    }
  });

  it('reads tricky strings in every text field of a record', () => {
    for (const text of TRICKY_STRINGS.filter((s) => s.trim() !== '')) {
      const incident = makeIncident({
        title: text,
        summary: text,
        tags: [text, 'tls'],
        factors: [{ text, tags: [text] }],
        sections: [{ heading: text, body: text, after: null }],
        evidence: { logs: [{ message: text, excerpt: text, level: 'error', count: 2 }], checks: [{ url: text, passed: false, expect_status: 404 }] },
        metrics: [{ name: text, value: text }],
      });
      const file = serializeIncident(incident);
      expectTaken(file);
      expect(parseIncidentFile(file, 'x.yaml')).toStrictEqual(incident);
    }
  });

  it('reads random nestings of tricky values exactly as js-yaml does', () => {
    const random = makeRandom(11) as () => number;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const scalars = [...TRICKY_STRINGS, ...OTHER_SCALARS];
    const keys = ['id', 'text', 'tags', 'a_b', 'last-seen', 'x', 'n', 'On', 'yes', 'a b', 'k:', "it's", '', '0', '#'];
    const node = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.5) return pick(scalars);
      if (roll < 0.75) return Array.from({ length: 1 + Math.floor(random() * 3) }, () => node(depth + 1));
      return Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 4) }, () => [pick(keys), node(depth + 1)]));
    };
    for (let i = 0; i < 600; i++) {
      const text = yaml.dump({ root: node(0), [pick(keys)]: node(1) }, DUMP);
      const fast = readDumpedYaml(text);
      if (fast !== undefined) expect(isDeepStrictEqual(fast, jsYaml(text)), text).toBe(true);
    }
  });

  it('reads empty collections and nested lists the way js-yaml does', () => {
    for (const document of [{ a: [] }, { a: {} }, { a: [{}] }, { a: [[]] }, { a: [['x', 'y'], []] }, { a: [{ b: [{ c: [] }] }] }]) {
      const text = yaml.dump(document, DUMP);
      const fast = readDumpedYaml(text);
      if (fast !== undefined) expect(isDeepStrictEqual(fast, jsYaml(text)), text).toBe(true);
    }
  });

  it('declines every form it does not fully understand', () => {
    const declined = [
      '',
      '# only a comment\n',
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a: [ ]\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: !custom x\n',
      'a: >\n  folded\n  text\n',
      'a: |-2\n  x\n',
      'a: |+-\n  x\n',
      'a: |0\n  x\n',
      'a: | # comment\n  x\n',
      'a: 1 # comment\n',
      'a: 1\n# comment\nb: 2\n',
      'a:\n  # comment\n  b: 1\n',
      'a:\tb\n',
      'a: "x\ty"\n',
      'a:\n\t- 1\n',
      'a: 1\r\nb: 2\r\n',
      'a: 1\na: 2\n',
      'a:\n  b: 1\n  b: 2\n',
      "a: 1\n'a': 2\n",
      '---\na: 1\n',
      'a: 1\n...\n',
      'a: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n\nb: 2\n',
      'a: one\n  two\n',
      'a:\n  - one\n    two\n',
      "a: 'one\n  two'\n",
      'a: "one\\\n  two"\n',
      'a: "unknown \\q escape"\n',
      'a: "short \\x4"\n',
      '? a\n: 1\n',
      '<<: {b: 1}\n',
      '- a\n- b\n',
      'hello\n',
      '  a: 1\n',
      '__proto__: x\n',
      "'__proto__': x\n",
      'a:\n   b: 1\n  c: 2\n',
      'a:\n- 1\n',
      'a: x: y\n',
      'a: b  \n',
      'a : 1\n',
      'a:  1\n',
      'a: \n',
      'a:\n  -\n    b: 1\n',
      'a:\n  -   b\n',
      'a:\n  - - b\n',
      'a: - b\n',
      'a: -\n',
      'null: 1\n',
      'true: 1\n',
      '1: one\n',
      'a b: 1\n',
      'a: \x01\n',
      'a: x\ufeffy\n',
      'a: \ud800\n',
      'a: |\n   \n  x\n',
      'a: |\n  x\n y\n',
      "a: 'x' \n",
      'a: "x" # c\n',
    ];
    for (const text of declined) expect(readDumpedYaml(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads what it takes of hand-written YAML as js-yaml does', () => {
    const taken = [
      'a:\nb: 1\n',
      'a: 1\nb:\n  c: x\n  d:\n    - 1\n    - two\n',
      '# one\n# two\nid: x\n',
      'a: |\n  x\n\n  y\n\n\nb: 1\n',
      'a: |+\n  x\n\n\nb: 1\n',
      'a: |-\n  x\n\n',
      'a: |\n\n  x\n',
      'a: |\nb: 1\n',
      'a: |2\n   x\n  y\n',
      'a:\n  - |\n    x\n  - y\n',
      'a: no newline at the end',
      'a: "\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\/\\\\\\""\n',
      "a: 'it''s'\n",
      '\'quoted key\': 1\n"double key": 2\n',
      'a: x:y\nb: http://h/#x\n',
      'n: 1\ny: 2\n',
    ];
    for (const text of taken) expectTaken(text);
  });

  it('leaves errors to js-yaml, with their line and column', () => {
    expect(() => loadYaml('a: 1\na: 2\n', 'x.yaml', 'Fix it.')).toThrow(/x\.yaml is not valid YAML at line 2, column 1: duplicated mapping key/);
    expect(loadYaml('\ufeffa: [1, 2]\n', 'x.yaml', 'Fix it.')).toStrictEqual({ a: [1, 2] });
    expect(loadYaml('\ufeffa: 1\n', 'x.yaml', 'Fix it.')).toStrictEqual({ a: 1 });
  });
});
