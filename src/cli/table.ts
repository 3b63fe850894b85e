/** Formats rows as aligned columns for the terminal (data stays in --json). */
export function formatColumns(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** A table (or any block of lines) indented by two spaces, without its trailing newline, for nesting under a heading line. */
export function indentBlock(block: string): string {
  return block
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
