import { LineScanner } from './fastScan.js';
import { herokuSource, isHerokuLogfmt } from './formats/heroku.js';
import { parseJsonLine } from './formats/json.js';
import { parseLogfmtLine } from './formats/logfmt.js';
import { plainMessage } from './formats/plain.js';
import { githubCommand } from './formats/prefixed.js';
import { syslogSource } from './formats/syslog.js';
import { F_GITHUB, F_HEROKU, F_KUBERNETES, F_SYSLOG, FAMILY_NAMES, K_JSON, K_LOGFMT, K_NONE } from './lineKinds.js';
import type { TimeReader } from './timestamps.js';
import { type FormatName, L_NONE, type ParsedLine } from './types.js';

/** A message's own level (see `LineParser.inner`). */
export interface InnerMessage {
  level: number;
  explicit: boolean;
  message: string;
}

const JSON_FORMATS = new Set<FormatName>(['json', 'journald', 'railway']);

/**
 * The exact path: reads one decoded line with the parser of its format
 * (detected per line, or forced with `--format`). Used for the lines that
 * matter; everything else is only counted by the fast scanner.
 */
export class LineParser {
  /** Lines that started like JSON but did not parse (truncated, or not JSON). */
  badJson = 0;
  private readonly scanner: LineScanner;
  private readonly messageScanner: LineScanner;

  constructor(
    private readonly clock: TimeReader,
    private readonly forced: FormatName | null,
  ) {
    this.scanner = new LineScanner(clock);
    this.messageScanner = new LineScanner(clock);
  }

  /**
   * The level a message writes itself (`INFO:     …`, `Traceback …`), whether it
   * is explicit, and the message without that level word.
   */
  readonly inner = (message: string): InnerMessage => {
    const c = message.charCodeAt(0);
    if (!message || c === 32 || c === 9) return { level: L_NONE, explicit: false, message };
    const sc = this.messageScanner;
    sc.scan(`${message}\n`, 0, message.length);
    return { level: sc.level, explicit: sc.explicit, message: sc.explicit ? plainMessage(message, sc) : message };
  };

  parse(text: string): ParsedLine {
    const sc = this.scanner;
    const kind = sc.scan(text, 0, text.length);
    const forced = this.forced;
    if (kind === K_JSON && (!forced || JSON_FORMATS.has(forced))) {
      const parsed = parseJsonLine(text, this.clock, this.inner);
      if (parsed) return forced ? { ...parsed, format: forced } : parsed;
      this.badJson++;
      return this.text(text, 'text');
    }
    if (kind === K_LOGFMT && (!forced || forced === 'logfmt')) return parseLogfmtLine(text, this.clock);
    if (forced === 'logfmt' && text.includes('=')) return parseLogfmtLine(text, this.clock);
    return this.text(text, forced ?? (kind === K_NONE ? 'text' : (FAMILY_NAMES[sc.family] ?? 'plain')));
  }

  private text(text: string, format: FormatName): ParsedLine {
    const sc = this.scanner;
    const family = sc.family;
    const time = sc.readTime(text, text.length);
    const inner = text.slice(sc.msgStart);
    if (family === F_HEROKU || family === F_KUBERNETES || family === F_GITHUB) {
      // The prefix wraps the service's own line, which may be structured.
      if (inner.startsWith('{')) {
        const parsed = parseJsonLine(inner, this.clock, this.inner);
        if (parsed) return { ...parsed, format, time: Number.isNaN(parsed.time) ? time : parsed.time };
      } else if (family === F_HEROKU && isHerokuLogfmt(inner)) {
        return { ...parseLogfmtLine(inner, this.clock), format, time, source: herokuSource(text, sc.msgStart) };
      }
    }
    let level = sc.level;
    let explicit = sc.explicit;
    let message = plainMessage(text, sc);
    if (family === F_GITHUB || format === 'github-actions') {
      const command = githubCommand(inner);
      if (command) {
        message = command.message;
        level = command.level === L_NONE ? this.inner(message).level : command.level;
        explicit = command.level !== L_NONE;
      }
    }
    let source: string | null = null;
    if (family === F_HEROKU) source = herokuSource(text, sc.msgStart);
    else if (family === F_SYSLOG) source = syslogSource(text, sc.msgStart);
    return { format, time, level, explicit, message, source, details: null };
  }
}
