/**
 * Heroku (`heroku logs`): `2026-01-05T17:00:01.123456+00:00 app[web.1]: …`
 * and `heroku[router]: at=error code=H10 desc="App crashed" …` (logfmt, read
 * by the logfmt reader). The fast scanner finds the prefix; this names it.
 */
export function herokuSource(text: string, msgStart: number): string | null {
  const close = text.lastIndexOf(']: ', msgStart);
  if (close < 0) return null;
  const space = text.lastIndexOf(' ', close);
  return text.slice(space + 1, close + 1);
}

/** Router and platform lines are logfmt (`at=info method=GET …`). */
export function isHerokuLogfmt(message: string): boolean {
  return /^at=\w+ /.test(message);
}
