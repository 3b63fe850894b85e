/**
 * CSV as RFC 4180 writes it (pure): a header row, CRLF line ends, fields
 * quoted when they hold a comma, a double quote, CR or LF, quotes doubled.
 * Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'` so a
 * spreadsheet shows them as text instead of running them as a formula
 * (OWASP's CSV injection advice); numbers and booleans are written as they are.
 */

export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: guarded against formula injection, then quoted if it must be. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: header and rows, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  let out = `${header.map(csvField).join(',')}\r\n`;
  for (const row of rows) out += `${row.map(csvField).join(',')}\r\n`;
  return out;
}
