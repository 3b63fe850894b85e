/** Message starts that may be lifecycle markers (regex sources); `classifyMarker` decides on the decoded text. */
const HINT_PHRASES = [
  'Uvicorn running',
  '[Ll]istening',
  'Running',
  'Start(?:ed|ing)',
  'Stop(?:ped|ping)',
  'Shutting down',
  'Finished server',
  'Application startup',
  'Booting worker',
  'Server (?:started|listening|running)',
  'State changed',
  'Process (?:exited|completed)',
  'Container',
  '[Hh]ealth ?check',
  'Attempt #',
  '\\[\\d+\\/\\d+\\] Healthcheck',
  '\\d+\\/\\d+ replicas',
  'Build',
  'Deploy',
  'Release v',
  '[Mm]igrat',
  'Applying',
  'No migrations',
  'Main process',
  'Killed',
  'OOMKill',
  'Back-off',
  '[Cc]rashed',
  'Current runner',
  'Using (?:Nixpacks|Detected)',
  'Successfully (?:built|deployed)',
  'Operations to perform',
  '[Ee]xited with',
  '[Ss]kipping',
  'Out of memory',
  'Scheduled restart',
  'Failed with result',
  'Schema ',
  '== \\d+ ',
];
export const MARKER_HINT = new RegExp(`(?:${HINT_PHRASES.join('|')})`, 'y');

/** Characters a hint phrase can start with: most messages are turned away by one lookup. */
const HINT_STARTS = new Uint8Array(128);
for (const phrase of HINT_PHRASES) {
  const starts = phrase.startsWith('\\d')
    ? '0123456789'
    : phrase.startsWith('\\[')
      ? '['
      : phrase.startsWith('[')
        ? phrase.slice(1, phrase.indexOf(']'))
        : (phrase[0] ?? '');
  for (const c of starts) HINT_STARTS[c.charCodeAt(0)] = 1;
}

/** Whether the message at `p` may announce a lifecycle marker. */
export function markerHintAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c >= 128 || HINT_STARTS[c] !== 1) return false;
  MARKER_HINT.lastIndex = p;
  return MARKER_HINT.test(text);
}
