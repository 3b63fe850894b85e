/** What the fast scanner tells about a line: its kind, its format family, the kind of its time. */

/** No timestamp, no level at the start. */
export const K_NONE = 0;
/** Starts with a timestamp (ISO, bracketed, Rails, syslog). */
export const K_STAMPED = 1;
/** A JSON object. */
export const K_JSON = 2;
/** logfmt (`key=value …`). */
export const K_LOGFMT = 3;
/** Starts with a level word but no time (`INFO:     Started server process`). */
export const K_LEVELED = 4;

/** Format families, as counted for `LogSource.format`. */
export const F_TEXT = 0;
export const F_PLAIN = 1;
export const F_JSON = 2;
export const F_JOURNALD = 3;
export const F_LOGFMT = 4;
export const F_HEROKU = 5;
export const F_KUBERNETES = 6;
export const F_GITHUB = 7;
export const F_SYSLOG = 8;
export const FAMILY_COUNT = 9;
/** Format names by family. */
export const FAMILY_NAMES = ['text', 'plain', 'json', 'journald', 'logfmt', 'heroku', 'kubernetes', 'github-actions', 'syslog'] as const;

/** Time kinds: none, ISO-like, syslog, in a JSON field, in a logfmt field. */
export const T_NONE = 0;
export const T_ISO = 1;
export const T_SYSLOG = 2;
export const T_JSON = 3;
export const T_LOGFMT = 4;
