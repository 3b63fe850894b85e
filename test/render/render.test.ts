import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.js';
import { builtinTemplatesDir, loadTemplate, renderIncident } from '../../src/render/render.js';
import { thrown } from '../helpers/errors.js';
import { seedIncident } from '../helpers/records.js';
import { tempDir, writeTree } from '../helpers/temp.js';

function templateFile(source: string, partials: Record<string, string> = {}): string {
  const dir = tempDir('pm-template-');
  writeTree(dir, {
    'report.hbs': source,
    ...Object.fromEntries(Object.entries(partials).map(([name, text]) => [`partials/${name}.hbs`, text])),
  });
  return path.join(dir, 'report.hbs');
}

describe('strict templates', () => {
  it('names the file and the line of a field that does not exist', () => {
    const file = templateFile('# {{title}}\n\n{{nonexistent}}\n');
    const error = thrown(() => renderIncident(seedIncident(), { template: file }));
    expect(error.code).toBe('template-error');
    expect(error.exitCode).toBe(EXIT.failure);
    expect(error.message).toBe(`${file} line 3: field "nonexistent" does not exist`);
    expect(error.hint).toMatchInlineSnapshot(
      `"Template fields are the keys of PostmortemView (src/render/viewModel.ts); check the spelling. Nothing was written."`,
    );
  });

  it('names the whole path of a nested field', () => {
    const file = templateFile('{{header.title}}\n{{#if summary}}\n  {{summary.txt}}\n{{/if}}\n');
    expect(thrown(() => renderIncident(seedIncident(), { template: file })).message).toBe(`${file} line 3: field "summary.txt" does not exist`);
  });

  it('rejects a misspelt field given to #if or #each instead of hiding the section', () => {
    const ifFile = templateFile('a\n{{#if sumary}}x{{/if}}\n');
    expect(thrown(() => renderIncident(seedIncident(), { template: ifFile })).message).toBe(`${ifFile} line 2: field "sumary" does not exist`);
    const eachFile = templateFile('{{#each extrasAfter.nope}}x{{/each}}\n');
    expect(thrown(() => renderIncident(seedIncident(), { template: eachFile })).message).toBe(`${eachFile} line 1: field "extrasAfter.nope" does not exist`);
  });

  it('names the partial file when the mistake is in a partial', () => {
    const file = templateFile('{{> summary summary}}\n', { summary: '## Summary\n\n{{text}} {{missing}}\n' });
    const partial = path.join(path.dirname(file), 'partials', 'summary.hbs');
    expect(thrown(() => renderIncident(seedIncident(), { template: file })).message).toBe(`${partial} line 3: field "missing" does not exist`);
  });

  it('reports a partial that does not exist and a syntax error', () => {
    const missing = templateFile('one\n{{> nope}}\n');
    expect(thrown(() => renderIncident(seedIncident(), { template: missing })).message).toBe(`${missing} line 2: partial "nope" does not exist`);
    const broken = templateFile('one\n{{title}}}\nthree\n');
    const error = thrown(() => loadTemplate(broken));
    expect(error.message).toBe(`${broken} line 2: not valid Handlebars`);
    expect(error.details[0]).toContain('{{title}}}');
    const mismatched = templateFile('one\n{{#if title}}x{{/each}}\n');
    expect(thrown(() => loadTemplate(mismatched)).message).toBe(`${mismatched} line 2: if doesn't match each`);
  });
});

describe('finding templates', () => {
  it('renders with the built-in default template by name', () => {
    expect(renderIncident(seedIncident())).toBe(renderIncident(seedIncident(), { template: 'default' }));
    expect(loadTemplate('default').file).toBe(path.join(builtinTemplatesDir(), 'default', 'postmortem.hbs'));
  });

  it('looks for a name in templatesDirs first; its partials override the defaults', () => {
    const dir = tempDir('pm-templates-');
    writeTree(dir, {
      'brief/postmortem.hbs': '# {{title}}\n\n{{#if conclusion}}\n{{> conclusion conclusion}}\n{{/if}}\n{{> header header}}',
      'brief/partials/conclusion.hbs': 'In short: {{text}}\n\n',
    });
    const markdown = renderIncident(seedIncident(), { template: 'brief', templatesDirs: [dir] });
    expect(markdown.startsWith('# Railway deployment crashed: migration 0021 DuplicateTable\n\nIn short: **Problem:**')).toBe(true);
    expect(markdown).toContain('\n**Date:** January 5, 2026\\\n');
  });

  it('reports an unknown name or a missing file as not found', () => {
    const unknown = thrown(() => renderIncident(seedIncident(), { template: 'fancy' }));
    expect([unknown.code, unknown.exitCode, unknown.message]).toEqual(['template-not-found', EXIT.notFound, 'There is no template named "fancy".']);
    expect(unknown.hint).toContain('Built-in templates: action-review, default, sre, stakeholder.');
    const missing = thrown(() => renderIncident(seedIncident(), { template: './nowhere/report.hbs' }));
    expect([missing.code, missing.message]).toEqual(['template-not-found', 'The template file ./nowhere/report.hbs does not exist.']);
  });

  it('compiles a template once', () => {
    const file = templateFile('{{title}}');
    expect(loadTemplate(file)).toBe(loadTemplate(file));
    fs.writeFileSync(file, '{{id}}');
    expect(renderIncident(seedIncident(), { template: file })).toBe('Railway deployment crashed: migration 0021 DuplicateTable\n');
  });
});
