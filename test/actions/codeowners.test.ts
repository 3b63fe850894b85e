import { describe, expect, it } from 'vitest';
import { compilePattern, ownersOf, parseCodeowners, suggestOwner } from '../../src/actions/codeowners.js';

/** The owners CODEOWNERS text gives a path, joined by spaces ("" when the last matching rule has none; null when no rule matches). */
function owners(text: string, file: string): string | null {
  const match = ownersOf(parseCodeowners(text), file);
  return match ? match.owners.join(' ') : null;
}

const matches = (pattern: string, file: string) => compilePattern(pattern)?.test(file) ?? false;

describe('CODEOWNERS patterns (GitHub rules, gitignore style)', () => {
  it.each([
    // pattern, path, matches
    ['*', 'README.md', true],
    ['*', 'src/deep/file.ts', true],
    ['*.js', 'index.js', true],
    ['*.js', 'src/app/index.js', true],
    ['*.js', 'src/app/index.jsx', false],
    ['/build/logs/', 'build/logs/a.log', true],
    ['/build/logs/', 'build/logs/deep/b.log', true],
    ['/build/logs/', 'x/build/logs/a.log', false],
    ['docs/*', 'docs/getting-started.md', true],
    ['docs/*', 'docs/build-app/troubleshooting.md', false],
    ['docs/*', 'x/docs/a.md', false],
    ['apps/', 'apps/web/index.ts', true],
    ['apps/', 'src/apps/web/index.ts', true],
    ['apps/', 'apps', false],
    ['/docs/', 'docs/a.md', true],
    ['/docs/', 'src/docs/a.md', false],
    ['**/logs', 'logs/a.log', true],
    ['**/logs', 'deep/down/logs/a.log', true],
    ['**/logs', 'deep/catalogs/a', false],
    ['/scripts/**', 'scripts/a/b.sh', true],
    ['/scripts/**', 'src/scripts/b.sh', false],
    ['a/**/b.txt', 'a/b.txt', true],
    ['a/**/b.txt', 'a/x/y/b.txt', true],
    ['db', 'db/migrations/0021.py', true],
    ['db', 'src/db/open.ts', true],
    ['db', 'dbx/open.ts', false],
    ['src/db', 'src/db/open.ts', true],
    ['src/db', 'x/src/db/open.ts', false],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['*.py', 'a/b/c.py', true],
    ['/', 'anything/at/all', true],
    ['!*.md', 'README.md', false],
    ['[abc].md', 'a.md', false],
    ['a+b(c).md', 'a+b(c).md', true],
  ])('%s on %s: %s', (pattern, file, expected) => {
    expect(matches(pattern, file)).toBe(expected);
  });

  it('reads owners, comments, escaped #, blank lines and GitLab sections', () => {
    const rules = parseCodeowners(
      [
        '# Global owners',
        '',
        '*  @acme/platform  # everyone',
        '\\#notes.md @scribe',
        '[Docs] @acme/docs',
        '/docs/ @acme/docs docs@example.com',
        '/vendor/',
      ].join('\r\n'),
    );
    expect(rules.map((r) => [r.line, r.pattern, r.owners])).toEqual([
      [3, '*', ['@acme/platform']],
      [4, '#notes.md', ['@scribe']],
      [6, '/docs/', ['@acme/docs', 'docs@example.com']],
      [7, '/vendor/', []],
    ]);
  });

  it('the last matching rule wins, and a rule without owners leaves files unowned', () => {
    const text = '* @acme/platform\n*.sql @acme/dba\n/db/ @acme/data\n/db/vendor/\n';
    expect(owners(text, 'README.md')).toBe('@acme/platform');
    expect(owners(text, 'reports/q1.sql')).toBe('@acme/dba');
    expect(owners(text, 'db/schema.sql')).toBe('@acme/data');
    expect(owners(text, 'db/vendor/lib.sql')).toBe('');
    expect(owners('/src/ @a\n', 'README.md')).toBeNull();
    expect(owners('#notes.md @a\n', '#notes.md')).toBeNull();
  });

  it('suggests the owner of most files; ties go to the owner met first', () => {
    const rules = parseCodeowners('* @acme/platform\n/db/ @acme/data @alice\n*.md\n');
    expect(suggestOwner(rules, ['db/a.py', 'db/b.sql', 'start.sh'])).toMatchObject({ owner: '@acme/data', files: ['db/a.py', 'db/b.sql'], ownedFiles: 3 });
    expect(suggestOwner(rules, ['start.sh', 'db/a.py'])?.owner).toBe('@acme/platform');
    expect(suggestOwner(rules, ['README.md'])).toBeNull();
    expect(suggestOwner(rules, [])).toBeNull();
  });
});
