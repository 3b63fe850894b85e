/**
 * The fenced-code language of a file, from its name: `alembic/0021.py` → `python`.
 * Used for a fix commit's `diff_language`; null when the extension is unknown.
 */

const BY_EXTENSION: Readonly<Record<string, string>> = {
  py: 'python',
  pyi: 'python',
  ts: 'typescript',
  tsx: 'tsx',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'jsx',
  mjs: 'javascript',
  cjs: 'javascript',
  go: 'go',
  rs: 'rust',
  rb: 'ruby',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  scala: 'scala',
  swift: 'swift',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  cs: 'csharp',
  fs: 'fsharp',
  php: 'php',
  pl: 'perl',
  lua: 'lua',
  r: 'r',
  dart: 'dart',
  ex: 'elixir',
  exs: 'elixir',
  erl: 'erlang',
  clj: 'clojure',
  hs: 'haskell',
  ml: 'ocaml',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  ps1: 'powershell',
  sql: 'sql',
  json: 'json',
  jsonc: 'jsonc',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  xml: 'xml',
  html: 'html',
  htm: 'html',
  css: 'css',
  scss: 'scss',
  less: 'less',
  vue: 'vue',
  svelte: 'svelte',
  md: 'markdown',
  tf: 'hcl',
  hcl: 'hcl',
  proto: 'protobuf',
  graphql: 'graphql',
  gql: 'graphql',
};

const BY_NAME: Readonly<Record<string, string>> = {
  dockerfile: 'dockerfile',
  makefile: 'makefile',
  gnumakefile: 'makefile',
  jenkinsfile: 'groovy',
  procfile: 'yaml',
  gemfile: 'ruby',
  rakefile: 'ruby',
};

/** Languages that are configuration or prose rather than code; a fix's diff prefers code. */
const NOT_CODE = new Set(['json', 'jsonc', 'yaml', 'toml', 'ini', 'xml', 'markdown']);

/** The language of `filePath` for a fenced code block, or null if unknown. */
export function languageFor(filePath: string): string | null {
  const name = (filePath.split('/').pop() ?? filePath).toLowerCase();
  const byName = BY_NAME[name] ?? (name.startsWith('dockerfile.') ? 'dockerfile' : undefined);
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[name.slice(dot + 1)] ?? null;
}

/** True when the file is source code (as opposed to config, docs or an unknown type). */
export function isSourceCode(filePath: string): boolean {
  const language = languageFor(filePath);
  return language !== null && !NOT_CODE.has(language);
}
