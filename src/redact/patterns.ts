/**
 * What the redactor looks for, in the order it looks.
 *
 * The provider patterns (AWS, GitHub, Slack, SendGrid, OpenAI, npm, private keys, passwords in
 * URLs) are modeled on secretlint's recommended rules
 * (`@secretlint/secretlint-rule-preset-recommend`, MIT, https://github.com/secretlint/secretlint),
 * which were measured and read before these were written; see `redact.ts` for why this is not a
 * dependency. Bearer tokens, JWTs, Stripe and Google keys, named secrets (`NAME=value`) and
 * random-looking tokens are ours: secretlint does not look for them.
 */

/** One match, as a pattern's `mask` sees it. */
export interface PatternMatch {
  /** The whole match. */
  readonly match: string;
  /** Named groups of the pattern's regex (unmatched ones are undefined). */
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** The text being redacted, and where the match starts in it. */
  readonly text: string;
  readonly index: number;
}

/** Counts one secret of `kind` and returns its marker, `[REDACTED:<kind>]`. */
export type Found = (kind: string) => string;

/** One regex and what to do with its matches. */
export interface SecretPattern {
  /** The default kind: the `<kind>` in `[REDACTED:<kind>]`, and the key in the counts. */
  readonly kind: string;
  /** A global regex. By default the named group `secret` is masked and `pre` is kept. */
  readonly regex: RegExp;
  /** Decides one match: returns its replacement, or null to leave it alone. */
  readonly mask?: (m: PatternMatch, found: Found) => string | null;
}

/** Patterns that share one cheap test, so that text which cannot hold their secrets skips them. */
export interface PatternGroup {
  readonly name: string;
  /** False when no pattern of the group can match `text`. */
  readonly hint: (text: string) => boolean;
  /** Returns `text` with the group's secrets masked. */
  readonly apply: (text: string, found: Found) => string;
}

/** The marker that replaces a secret; never matched by any pattern, so redaction is idempotent. */
export function marker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

const NOT_MASKED = '(?!\\[REDACTED:)';

// ---------------------------------------------------------------------------------------------
// Private keys. Whole blocks when the text holds one; a header without its END masks the rest
// of the text (the redactor then masks the following base64 lines too, see redact.ts).

export const PRIVATE_KEY_BEGIN = /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----/;
export const PRIVATE_KEY_END = /-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----/;

const privateKey: SecretPattern = {
  kind: 'private-key',
  regex: new RegExp(`(?<secret>${PRIVATE_KEY_BEGIN.source}[\\s\\S]*?(?:${PRIVATE_KEY_END.source}|$))`, 'g'),
};

// ---------------------------------------------------------------------------------------------
// URLs: `scheme://user:PASSWORD@host` keeps scheme, user and host. The password runs to the
// last `@` before the path, so an unescaped `@` inside it is still masked.

const urlPassword: SecretPattern = {
  kind: 'url-password',
  regex: new RegExp(`(?<pre>:\\/\\/[^\\s:@/?#]*:)(?<secret>${NOT_MASKED}[^\\s/?#]+)(?=@[^\\s@/?#]+)`, 'g'),
};

const slackWebhook: SecretPattern = {
  kind: 'slack-webhook',
  regex: new RegExp(`(?<pre>https:\\/\\/hooks\\.slack\\.com\\/(?:services|workflows|triggers)\\/)(?<secret>${NOT_MASKED}[A-Za-z0-9_/-]+)`, 'g'),
};

// ---------------------------------------------------------------------------------------------
// Tokens with a recognisable shape.

const jwt: SecretPattern = {
  kind: 'jwt',
  regex: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/g,
};

const awsAccessKeyId: SecretPattern = {
  kind: 'aws-access-key-id',
  regex: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Za-z0-9])/g,
};

const awsSecretAccessKey: SecretPattern = {
  kind: 'aws-secret-access-key',
  regex: /(?<pre>(?:aws_?)?secret_?access_?key["']?[ \t]*(?:=>|[:=])[ \t]*["']?)(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
};

const githubToken: SecretPattern = {
  kind: 'github-token',
  regex: /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,247})(?![A-Za-z0-9_])/g,
};

const openaiKey: SecretPattern = {
  kind: 'openai-key',
  regex: /(?<![A-Za-z0-9_-])(?<secret>sk-[A-Za-z0-9_-]{20,})/g,
  mask: ({ groups }, found) => {
    const secret = groups['secret'] ?? '';
    if (!/\d/.test(secret)) return null; // `sk-some-long-kebab-case-name` is not a key
    return found(secret.startsWith('sk-ant-') ? 'anthropic-key' : 'openai-key');
  },
};

const stripeKey: SecretPattern = {
  kind: 'stripe-key',
  regex: /(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9]{24,})(?![A-Za-z0-9_])/g,
};

const slackToken: SecretPattern = {
  kind: 'slack-token',
  regex: /(?<![A-Za-z0-9_-])(?<secret>(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,})/g,
  mask: ({ groups }, found) => (/\d/.test(groups['secret'] ?? '') ? found('slack-token') : null),
};

const googleApiKey: SecretPattern = {
  kind: 'google-api-key',
  regex: /(?<![A-Za-z0-9_-])(?<secret>AIza[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
};

const sendgridKey: SecretPattern = {
  kind: 'sendgrid-key',
  regex: /(?<![A-Za-z0-9_-])(?<secret>SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64})(?![A-Za-z0-9_-])/g,
};

const npmToken: SecretPattern = {
  kind: 'npm-token',
  regex: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
};

const gitlabToken: SecretPattern = {
  kind: 'gitlab-token',
  regex: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
};

// ---------------------------------------------------------------------------------------------
// Authorization schemes.

/**
 * Values that stand for "no secret here": kept, because `Bearer undefined` is evidence. Also
 * references to where a secret lives (`${DB_PASSWORD}`, `process.env.TOKEN`, `os.getenv(...)`).
 */
const PLACEHOLDER =
  /^(?:true|false|null|nil|none|undefined|empty|\*+|x{3,}|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|%s|\{\{.*\}\}|<[^>]*>|process\.env\.[A-Za-z_][A-Za-z0-9_]*|os\.(?:environ|getenv)\b.*)$/i;

const bearer: SecretPattern = {
  kind: 'bearer-token',
  regex: new RegExp(`(?<pre>\\bbearer[ \\t]+)(?<secret>${NOT_MASKED}[A-Za-z0-9._~+/-]+=*)`, 'gi'),
  // "bearer token expired" is prose: a plain word after "bearer" is not a token.
  mask: ({ groups }, found) => {
    const secret = groups['secret'] ?? '';
    if (/^[A-Za-z][a-z]*$/.test(secret) || PLACEHOLDER.test(secret)) return null;
    return `${groups['pre']}${found('bearer-token')}`;
  },
};

const basicAuth: SecretPattern = {
  kind: 'basic-auth',
  regex: new RegExp(`(?<pre>\\bauthorization["']?[ \\t]*[:=][ \\t]*["']?basic[ \\t]+)(?<secret>${NOT_MASKED}[A-Za-z0-9+/]+=*)`, 'gi'),
};

// ---------------------------------------------------------------------------------------------
// Named secrets: `NAME=value`, `NAME: value`, `"name": "value"`, `--name=value`, `--name value`.

/**
 * Names that hold secrets, matched at the END of a variable or key name (case-insensitive):
 * `DB_PASSWORD`, `PGPASSWORD`, `authToken`, `x-api-key`, `SENTRY_DSN`, `SECRET_KEY_BASE`.
 * `password_reset_sent`, `max_tokens` and `author` are not secret names.
 */
const SECRET_WORD =
  '(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|credentials?|auth|authorization|dsn|connection[_.-]?string|conn[_.-]?str)';
const SECRET_SUFFIX = '(?:[_.-]?(?:key|base|hash|value|b64|base64)){0,2}';
/** Names are at most 64 characters before their secret word, which bounds the work per match. */
const NAME = `[A-Za-z0-9_.-]{0,64}?${SECRET_WORD}${SECRET_SUFFIX}`;
/** A quoted value (escapes allowed in double quotes), or an unquoted one. */
const VALUE = `(?:(?<q>["'])(?<quoted>${NOT_MASKED}(?:(?!\\k<q>)[^\\\\\\r\\n]|\\\\.)+)\\k<q>|(?<bare>${NOT_MASKED}[^\\s"',;&{[(][^\\s"',;&]*))`;

/**
 * Decides whether a name found by the regex really names a secret. `pass` and `pwd` count only
 * as a whole segment (`DB_PASS`, not `bypass`; `DB_PWD`, not the shell's `PWD`/`OLDPWD`).
 */
function isSecretName(name: string): boolean {
  const bare = name.replace(/^-+/, '').toLowerCase();
  if (bare.endsWith('pwd')) return /[_.-]pwd$/.test(bare);
  if (bare.endsWith('pass')) return bare === 'pass' || /[_.-]pass$/.test(bare);
  return true;
}

const PASSWORD_NAME = new RegExp(`(?:pass(?:word|wd|phrase)?|pwd)${SECRET_SUFFIX}$`, 'i');

/** `password` for password-like names (`DB_PASSWORD`, `--pass`), `secret` for the others. */
function kindOf(name: string): string {
  return PASSWORD_NAME.test(name) ? 'password' : 'secret';
}

/**
 * Prose, not a secret: `Token: expired`, `Password: changed for user 42`, and in a line
 * `Reset password: email sent`. A word name (capitalized, or lowercase inside a line), a colon,
 * and a plain lowercase word. `password: postgres` at the start of a line is YAML and masked.
 */
function isProse(m: PatternMatch, value: string, midLine: boolean): boolean {
  if (m.groups['scheme'] !== undefined || !(m.groups['sep'] ?? '').includes(':') || !/^[a-z]+(?:\s|$)/.test(value)) return false;
  const name = m.groups['name'] ?? '';
  return /^[A-Z][a-z]+$/.test(name) || (midLine && /^[a-z]+$/.test(name));
}

/** Replaces the value of a named-secret match; shared by the three named-secret patterns. */
function maskNamedValue(m: PatternMatch, found: Found, options: { midLine: boolean }): string | null {
  const name = m.groups['name'] ?? '';
  const quoted = m.groups['quoted'];
  const bare = m.groups['bare'] ?? '';
  // A bare value at the start of a line may run on (`${DB_PASSWORD} # from env`): its first word decides.
  const decisive = (quoted ?? bare.split(/\s/)[0] ?? '').trim();
  if (!isSecretName(name) || decisive === '' || PLACEHOLDER.test(decisive)) return null;
  if (quoted !== undefined) return `${m.match.slice(0, m.match.length - quoted.length - 1)}${found(kindOf(name))}${m.groups['q']}`;
  // `Authorization: Basic xyz`: the scheme word alone is not the secret.
  if (/^(?:bearer|basic|token|digest)$/i.test(bare) || bare.includes('[REDACTED:') || isProse(m, bare, options.midLine)) return null;
  // `{password=abc}`: the closing brackets stay.
  const closing = /[)\]}>]+$/.exec(bare);
  const tail = closing && closing.index > 0 ? closing[0] : '';
  return `${m.match.slice(0, m.match.length - bare.length)}${found(kindOf(name))}${tail}`;
}

/** At the start of a line (YAML, .env, headers): the value runs to the end of the line. */
const namedLine: SecretPattern = {
  kind: 'password',
  regex: new RegExp(
    `^(?<pre>[ \\t]*(?:-[ \\t]+)?(?:export[ \\t]+)?(?<nq>["']?)(?<name>${NAME})\\k<nq>(?<sep>[ \\t]*(?:=>|:=|[:=])(?!=)[ \\t]*)(?<scheme>(?:bearer|basic|token|digest)[ \\t]+)?)` +
      `(?:(?<q>["'])(?<quoted>${NOT_MASKED}(?:(?!\\k<q>)[^\\\\\\r\\n]|\\\\.)+)\\k<q>|(?<bare>${NOT_MASKED}[^\\s"'#{[(][^\\r\\n]*?))(?=[ \\t]+#|[ \\t]*,?[ \\t]*\\r?$)`,
    'gim',
  ),
  mask: (m, found) => maskNamedValue(m, found, { midLine: false }),
};

// The two patterns below start at the secret word, which keeps the scan fast, and capture the
// whole name with a lookbehind from there.

/** Anywhere in a line: the value runs to whitespace, `,`, `;` or `&` (or its closing quote). */
const namedInline: SecretPattern = {
  kind: 'password',
  regex: new RegExp(
    `${SECRET_WORD}${SECRET_SUFFIX}(?<=(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]{1,80}))["']?(?<sep>[ \\t]*(?:=>|:=|[:=])(?!=)[ \\t]*)(?<scheme>(?:bearer|basic|token|digest)[ \\t]+)?${VALUE}`,
    'gi',
  ),
  mask: (m, found) => maskNamedValue(m, found, { midLine: true }),
};

/** Command-line flags given as two words: `--password hunter2`, `--api-key abc`. */
const namedFlag: SecretPattern = {
  kind: 'password',
  regex: new RegExp(`${SECRET_WORD}(?<=(?<![A-Za-z0-9_-])(?<name>--?[A-Za-z0-9-]{1,80}))(?<sep>[ \\t]+)(?!-)${VALUE}`, 'gi'),
  mask: (m, found) => maskNamedValue(m, found, { midLine: false }),
};

// ---------------------------------------------------------------------------------------------
// Random-looking tokens: runs of 32+ characters of the base64 / base64url / hex alphabet.

/**
 * Words that say the token after them is an identifier, not a secret: commit and object hashes,
 * digests, trace, request and event ids, image and container ids, versions. One of the two
 * words before a token must be one (`commit 3f2a…`, `X-Request-Id: …`, `sha256:…`); a bare
 * `id` is not enough (`session_id=` is a secret).
 */
const HASH_WORDS = new Set(
  (
    'commit commits sha sha1 sha256 sha384 sha512 hash hashes digest checksum md5 etag rev revision ref head merge revert reverts reverted picked ' +
    'parent parents tree blob object version release build deploy deployed deploying image container containerd docker layer trace traceid ' +
    'span spanid request requestid correlation event fingerprint integrity'
  ).split(' '),
);
const CONTEXT_SEPARATORS = ' \t:=#"\'/([_-';
/** After a token: a range (`3f2a..9e8b`), a refspec (`:refs/`), a file extension (`logo.3f2a….svg`). */
const HASH_AFTER = /^(?:\.\.|:refs\/|\.[A-Za-z][A-Za-z0-9]{0,4}(?![A-Za-z0-9]))/;

/** True when the text around a token says it is a hash or an id. */
function hashContext(before: string, after: string): boolean {
  if (before.endsWith('..') || before.endsWith('@') || HASH_AFTER.test(after)) return true;
  let end = before.length;
  for (let word = 0; word < 2; word++) {
    const stop = end - 4;
    while (end > 0 && end > stop && CONTEXT_SEPARATORS.includes(before.charAt(end - 1))) end--;
    let start = end;
    while (start > 0 && /[A-Za-z0-9]/.test(before.charAt(start - 1))) start--;
    if (start === end) return false;
    if (HASH_WORDS.has(before.slice(start, end).toLowerCase())) return true;
    end = start;
  }
  return false;
}
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A ULID (`01HN3Z8Q7V2K5XW4YJ9M6R1T0B`): 26 Crockford base32 characters, time first. */
const ULID = /(?<![A-Za-z0-9])[0-7][0-9A-HJKMNP-TV-Z]{25}(?![A-Za-z0-9])/g;
/** Leading word segments of a token (`sha512-`, `req_`): context, not part of the randomness. */
const WORD_PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{0,11}[_-])+/;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;
/** A segment that reads as words: `completions`, `HabitCompletion`, `HTTPServer2`, `20240105`. */
const WORDY_SEGMENT = /^(?:\d+|(?:[A-Z]{2,}|[A-Z]?[a-z]{2,})+\d*)$/;
const HUMP = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

function entropy(text: string): number {
  const seen = new Map<string, number>();
  for (const char of text) seen.set(char, (seen.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of seen.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True when a token of the base64/hex alphabet looks randomly generated rather than made of
 * words. Measured on random tokens of 32-64 characters (base64, base64url, alphanumeric, lower-
 * or upper-case with digits): fewer than 1 in 100 of 32 characters slip through, none of 64.
 */
export function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, '').replace(UUID, '-').replace(ULID, '-');
  if (/^[\d_/+-]*$/.test(body)) return false;
  if (HEX.test(body) && body.length >= 32) return /\d/.test(body) && /[a-f]/i.test(body);
  if (!/\d/.test(body) && !(/[a-z]/.test(body) && /[A-Z]/.test(body))) return false;
  let wordy = 0;
  let random = 0;
  for (const segment of body.split(/[/_+.-]+/)) {
    if (segment.length <= 3) continue;
    if (WORDY_SEGMENT.test(segment)) wordy += segment.length;
    else random += segment.length;
  }
  if (random < 16 || random < 2 * wordy) return false;
  // Long camelCase words with a digit inside (`ClassNameWithVersion2Handler`) are identifiers.
  let alnum = 0;
  let inWords = 0;
  let humps = 0;
  for (const [hump] of body.matchAll(HUMP)) {
    alnum += hump.length;
    humps += 1;
    if (hump.length >= 3) inWords += hump.length;
  }
  if (inWords / alnum >= 0.85 && alnum / humps >= 4) return false;
  return entropy(body) >= 3.5;
}

/** Masks one token when it looks random and nothing around it says it is a hash or an id. */
function maskToken(token: string, before: string, after: string, found: Found): string | null {
  if (token.length === 36 && UUID_ONLY.test(token)) return null;
  const prefix = token.includes('-') || token.includes('_') ? (WORD_PREFIX.exec(token)?.[0] ?? '') : '';
  if (hashContext(before + prefix, after)) return null;
  return looksRandom(token) ? found('high-entropy') : null;
}

/** Leading lowercase path segments of a run (`com/reset/` in `example.com/reset/<token>`): kept. */
const LEADING_PATH = /^(?:[a-z0-9_-]+\/)+/;

/** Masks the random parts of one run; null when nothing in it is random. */
function maskRun(run: string, context: { before: string; after: string }, found: Found): string | null {
  let before = context.before;
  let lead = '';
  let rest = run;
  if (!run.startsWith('/')) {
    lead = run.includes('/') ? (LEADING_PATH.exec(run)?.[0] ?? '') : '';
    rest = run.slice(lead.length);
    const whole = maskToken(rest, before + lead, context.after, found);
    if (whole !== null) return lead + whole;
    if (!rest.includes('/')) return null;
    before += lead;
  }
  // A path (`/api/v1/...`, `src/...`) is looked at one segment at a time.
  let changed = false;
  const segments = rest.split('/');
  const masked = segments.map((segment, index) => {
    const after = index === segments.length - 1 ? context.after : '/';
    const replaced = segment.length >= 32 ? maskToken(segment, before, after, found) : null;
    before += `${segment}/`;
    if (replaced === null) return segment;
    changed = true;
    return replaced;
  });
  return changed ? lead + masked.join('/') : null;
}

// Characters of the base64, base64url and hex alphabets (a run of them is a candidate token).
const TOKEN_CHAR = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') TOKEN_CHAR[char.charCodeAt(0)] = 1;
const MIN_RUN = 32;

function isTokenChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code < 128 && TOKEN_CHAR[code] === 1;
}

/**
 * Calls `visit(start, end)` for each maximal run of 32+ token characters, in order. Any such run
 * covers a position 16k + 15, so only those are probed: about 4x faster than a regex on log
 * lines. `visit` returns where scanning resumes (at least `end`).
 */
function forEachLongRun(text: string, visit: (start: number, end: number) => number): void {
  const length = text.length;
  for (let probe = 15; probe < length; probe += 16) {
    if (!isTokenChar(text, probe)) continue;
    let start = probe;
    let end = probe + 1;
    while (start > 0 && isTokenChar(text, start - 1)) start--;
    while (end < length && isTokenChar(text, end)) end++;
    if (end - start >= MIN_RUN) end = visit(start, end);
    probe = 15 + 16 * Math.floor((end - 16) / 16);
  }
}

/** True when `text` has a run of 32+ token characters. */
export function hasLongRun(text: string): boolean {
  let found = false;
  forEachLongRun(text, () => {
    found = true;
    return text.length + 16;
  });
  return found;
}

/** Masks random-looking runs of 32+ token characters (plus up to two `=` of base64 padding). */
function maskRandomTokens(text: string, found: Found): string {
  let result = '';
  let copied = 0;
  forEachLongRun(text, (start, end) => {
    let padded = end;
    while (padded < text.length && padded - end < 2 && text[padded] === '=') padded++;
    if (padded < text.length && (isTokenChar(text, padded) || text[padded] === '=')) padded = end;
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const context = { before: text.slice(Math.max(lineStart, start - 40), start), after: text.slice(padded, padded + 8) };
    const masked = maskRun(text.slice(start, padded), context, found);
    if (masked === null) return end;
    result += text.slice(copied, start) + masked;
    copied = padded;
    return padded;
  });
  return copied === 0 ? text : result + text.slice(copied);
}

// ---------------------------------------------------------------------------------------------
// The groups, in order: a secret is counted under the first kind that masks it.

function applyPattern(pattern: SecretPattern, text: string, found: Found): string {
  return text.replace(pattern.regex, (match: string, ...rest: unknown[]) => {
    // replace() passes (match, ...captures, index, text, groups) when the regex has named groups.
    const groups = (rest.at(-1) ?? {}) as Record<string, string | undefined>;
    const index = rest.at(-3) as number;
    if (pattern.mask) return pattern.mask({ match, groups, text, index }, found) ?? match;
    return `${groups['pre'] ?? ''}${found(pattern.kind)}`;
  });
}

function regexGroup(name: string, hint: (text: string) => boolean, patterns: readonly SecretPattern[]): PatternGroup {
  return {
    name,
    hint,
    apply: (text, found) => patterns.reduce((result, pattern) => applyPattern(pattern, result, found), text),
  };
}

/** Every pattern's secret contains one of these (case-sensitive, like the patterns). */
const TOKEN_HINT =
  /PRIVATE KEY|:\/\/[^\s:@/?#]*:[^\s/?#]*@|hooks\.slack\.com|eyJ|A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|PKA|SCA|3T)|gh[pousr]_|github_pat_|sk-|[rs]k_(?:live|test)_|whsec_|xox|xapp-|AIza|SG\.|npm_|glpat-/;
/** Every named secret's name, and every `Bearer` credential, contains one of these words... */
const NAME_WORD_HINT = new RegExp(`bearer|${SECRET_WORD}`, 'i');
/** ...followed by a separator: `=`, `:`, or a space after a `--flag` or `Bearer`/`Basic`. */
const NAME_HINT = new RegExp(`(?:bearer|basic)\\s|${SECRET_WORD}${SECRET_SUFFIX}["']?\\s*(?:=>|[:=])|-[A-Za-z0-9-]{0,80}${SECRET_WORD}\\s`, 'i');

export const PATTERN_GROUPS: readonly PatternGroup[] = [
  regexGroup('tokens', (text) => TOKEN_HINT.test(text), [
    privateKey,
    urlPassword,
    slackWebhook,
    jwt,
    awsAccessKeyId,
    githubToken,
    openaiKey,
    stripeKey,
    slackToken,
    googleApiKey,
    sendgridKey,
    npmToken,
    gitlabToken,
  ]),
  regexGroup('named', (text) => NAME_WORD_HINT.test(text) && NAME_HINT.test(text), [awsSecretAccessKey, bearer, basicAuth, namedLine, namedInline, namedFlag]),
  { name: 'random', hint: hasLongRun, apply: maskRandomTokens },
];
