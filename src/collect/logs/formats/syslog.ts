/**
 * Syslog (`Jan  5 17:00:00 host app[123]: …`): no year (the reader takes it
 * from --since or the clock) and no level; the tag before the colon names the
 * program.
 */
export function syslogSource(text: string, msgStart: number): string | null {
  const colon = text.lastIndexOf(': ', msgStart);
  if (colon < 0) return null;
  const space = text.lastIndexOf(' ', colon);
  const tag = text.slice(space + 1, colon);
  return tag || null;
}
