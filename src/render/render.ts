import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { EXIT, UserError } from '../errors.js';
import type { Incident } from '../record/schema.js';
import { buildTemplateContext, type PostmortemView } from './viewModel.js';

/** The built-in template used when none is named. */
export const DEFAULT_TEMPLATE = 'default';
/** File name of a template directory's main template. */
export const TEMPLATE_FILE = 'postmortem.hbs';

export interface RenderOptions {
  /**
   * A template NAME (a directory `<name>/postmortem.hbs` in `templatesDirs`,
   * then in the built-in `templates/`), or a PATH to a `.hbs` file (anything
   * containing `/` or ending in `.hbs`; relative to the working directory).
   */
  template?: string;
  /** Directories searched for template NAMEs before the built-in ones. */
  templatesDirs?: string[];
  /** The injected clock (ctx.now): which action items are overdue, when the next update is due. */
  now?: Date;
  /** The workspace zone (config `timezone`): which calendar day "today" is for due dates. Default UTC. */
  zone?: string;
}

/** A compiled template with its partials, ready to render view models. */
export interface LoadedTemplate {
  /** Absolute path of the main template file. */
  file: string;
  /** Renders a view model to Markdown ending in exactly one newline. */
  render(view: PostmortemView): string;
}

/** Renders an incident to Markdown with the named (or default) template. */
export function renderIncident(incident: Incident, options: RenderOptions = {}): string {
  return loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.templatesDirs ?? []).render(
    buildTemplateContext(incident, { now: options.now ?? null, ...(options.zone ? { zone: options.zone } : {}) }),
  );
}

/** Compiled templates by main file. */
const cache = new Map<string, LoadedTemplate>();
/** Resolved main files by request (name or path, search dirs, working directory), so a render does no file system calls. */
const resolved = new Map<string, string>();

/**
 * Finds, reads and compiles a template and its partials (the built-in
 * default partials, overridden by a `partials/` directory beside the
 * template). Compiled once per file and cached for the process.
 */
export function loadTemplate(nameOrPath: string, dirs: readonly string[] = []): LoadedTemplate {
  const request = [process.cwd(), nameOrPath, ...dirs].join('\0');
  let file = resolved.get(request);
  if (file === undefined) {
    file = resolveTemplate(nameOrPath, dirs);
    resolved.set(request, file);
  }
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = compileTemplate(file);
    cache.set(file, loaded);
  }
  return loaded;
}

/** Forgets compiled templates (for watch modes and tests that edit templates). */
export function clearTemplateCache(): void {
  cache.clear();
  resolved.clear();
}

/** The package's built-in `templates/` directory. */
export function builtinTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

function resolveTemplate(nameOrPath: string, dirs: readonly string[]): string {
  if (nameOrPath.includes('/') || nameOrPath.includes(path.sep) || nameOrPath.endsWith('.hbs')) {
    const file = path.resolve(nameOrPath);
    if (!isFile(file)) {
      throw new UserError('template-not-found', `The template file ${nameOrPath} does not exist.`, {
        exitCode: EXIT.notFound,
        hint: `Check the path, or use a built-in template: ${builtinNames().join(', ')}. Nothing was written.`,
      });
    }
    return file;
  }
  const searched = [...dirs, builtinTemplatesDir()];
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(nameOrPath)) {
    for (const dir of searched) {
      const file = path.resolve(dir, nameOrPath, TEMPLATE_FILE);
      if (isFile(file)) return file;
    }
  }
  throw new UserError('template-not-found', `There is no template named "${nameOrPath}".`, {
    exitCode: EXIT.notFound,
    hint: `Built-in templates: ${builtinNames().join(', ')}. A custom one is a directory <name>/${TEMPLATE_FILE} in a templates directory, or a path to a .hbs file. Nothing was written.`,
  });
}

function compileTemplate(file: string): LoadedTemplate {
  const hb = Handlebars.create();
  installStrictBlockHelpers(hb);
  const partialFiles = new Map<string, string>();
  for (const dir of [path.join(builtinTemplatesDir(), DEFAULT_TEMPLATE, 'partials'), path.join(path.dirname(file), 'partials')]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (entry.endsWith('.hbs')) partialFiles.set(entry.slice(0, -'.hbs'.length), path.join(dir, entry));
    }
  }
  for (const [name, partialFile] of partialFiles) hb.registerPartial(name, compileFile(hb, partialFile));
  const main = compileFile(hb, file);
  return {
    file,
    render: (view) => endWithOneNewline(main(view)),
  };
}

/** Trims trailing newlines to exactly one (a loop: the regex `\n*$` is quadratic on long output). */
function endWithOneNewline(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= 1;
  return `${text.slice(0, end)}\n`;
}

type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

/** Compiles one file; errors raised while rendering it name the file and line. */
function compileFile(hb: typeof Handlebars, file: string): Compiled {
  const source = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  let ast: unknown;
  try {
    ast = hb.parse(source);
  } catch (error) {
    throw templateError(error, file, emptyIndex());
  }
  const index = indexAst(ast);
  const template = hb.compile(ast, { strict: true, noEscape: true });
  return (context, options) => {
    try {
      return template(context, options);
    } catch (error) {
      throw templateError(error, file, index);
    }
  };
}

/** A block helper (`{{#if x}}`, `{{#each x}}`) met a field that does not exist. */
class MissingBlockValue extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`block value not defined - ${line}:${column}`);
  }
}

/**
 * Strict mode checks `{{x}}` but not the value given to a block helper, so a
 * misspelt `{{#if sumary}}` would silently hide a section. These wrappers
 * reject `undefined` (every view key is present, possibly null).
 */
function installStrictBlockHelpers(hb: typeof Handlebars): void {
  for (const name of ['if', 'unless', 'each', 'with']) {
    const original = hb.helpers[name] as ((...args: unknown[]) => unknown) | undefined;
    if (!original) continue;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as { loc?: { start: { line: number; column: number } } };
      if (args.length === 2 && args[0] === undefined) {
        throw new MissingBlockValue(options.loc?.start.line ?? 0, options.loc?.start.column ?? 0);
      }
      return original.apply(this, args);
    });
  }
}

interface AstIndex {
  /** "line:column" of a path expression → its text as written. */
  paths: Map<string, string>;
  /** "line:column" of a block statement → the text of its first parameter. */
  blocks: Map<string, string>;
  /** Partial name → first line it is used on. */
  partials: Map<string, number>;
}

function emptyIndex(): AstIndex {
  return { paths: new Map(), blocks: new Map(), partials: new Map() };
}

interface AstNode {
  type?: unknown;
  loc?: { start: { line: number; column: number } };
  original?: unknown;
  params?: AstNode[];
  name?: AstNode;
}

function indexAst(ast: unknown): AstIndex {
  const index = emptyIndex();
  const key = (node: AstNode) => `${node.loc?.start.line}:${node.loc?.start.column}`;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as AstNode;
    if (node.type === 'PathExpression' && typeof node.original === 'string') index.paths.set(key(node), node.original);
    const first = node.params?.[0];
    if (node.type === 'BlockStatement' && first?.type === 'PathExpression' && typeof first.original === 'string') {
      index.blocks.set(key(node), first.original);
    }
    if (node.type === 'PartialStatement' && typeof node.name?.original === 'string' && !index.partials.has(node.name.original)) {
      index.partials.set(node.name.original, node.loc?.start.line ?? 0);
    }
    for (const [field, inner] of Object.entries(node)) if (field !== 'loc') visit(inner);
  };
  visit(ast);
  return index;
}

const FIELD_HINT = 'Template fields are the keys of PostmortemView (src/render/viewModel.ts); check the spelling. Nothing was written.';

function templateError(error: unknown, file: string, index: AstIndex): UserError {
  if (error instanceof UserError) return error;
  const fail = (line: number | string | null, text: string, hint: string, details: string[] = []) =>
    new UserError('template-error', `${displayPath(file)}${line ? ` line ${line}` : ''}: ${text}`, {
      exitCode: EXIT.failure,
      hint,
      cause: error,
      details,
    });
  if (error instanceof MissingBlockValue) {
    const field = index.blocks.get(`${error.line}:${error.column}`) ?? 'given to the block';
    return fail(error.line, `field "${field}" does not exist`, FIELD_HINT);
  }
  const message = error instanceof Error ? error.message : String(error);
  const strict = /^"([^"]*)" not defined in [\s\S]* - (\d+):(\d+)$/.exec(message);
  if (strict) {
    const [, name = '', line = '0', column = '0'] = strict;
    return fail(line, `field "${index.paths.get(`${line}:${column}`) ?? name}" does not exist`, FIELD_HINT);
  }
  const partial = /^The partial (.+) could not be found$/.exec(message);
  if (partial) {
    const name = partial[1] ?? '';
    return fail(
      index.partials.get(name) ?? null,
      `partial "${name}" does not exist`,
      `Partials are the .hbs files in templates/${DEFAULT_TEMPLATE}/partials/ and in a partials/ directory beside the template. Nothing was written.`,
    );
  }
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    return fail(parse[1] ?? null, 'not valid Handlebars', 'Fix the template syntax at the line shown. Nothing was written.', message.split('\n').slice(1));
  }
  const line = (error as { lineNumber?: unknown }).lineNumber;
  return fail(typeof line === 'number' ? line : null, message.replace(/ - \d+:\d+$/, ''), 'Fix the template at the line shown. Nothing was written.');
}

/** Built-in templates relative to the package, others relative to the working directory when inside it. */
function displayPath(file: string): string {
  for (const base of [packageRoot(), process.cwd()]) {
    const relative = path.relative(base, file);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return file;
}

/** Names of the built-in templates. */
export function builtinNames(): string[] {
  const dir = builtinTemplatesDir();
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => isFile(path.join(dir, name, TEMPLATE_FILE)))
        .sort()
    : [];
}

let root: string | null = null;

/** The directory holding package.json, found by walking up from this module (src/ or dist/). */
function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  root = dir;
  return dir;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
