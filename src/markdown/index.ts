export { classifyHeading, lessonCategory, normaliseHeading, type SectionKind } from './headingKind.js';
export { repairMojibake } from './mojibake.js';
export { type MarkdownImport, type MarkdownImportOptions, type MarkdownImportReport, parseMarkdownPostmortem } from './parseMarkdownPostmortem.js';
