/**
 * Lifecycle markers: the lines a postmortem timeline is built from. Each
 * marker names what happened, in `kind-outcome` form:
 *
 * build-started, build-finished, build-failed,
 * deploy-started, deploy-succeeded, deploy-failed,
 * migration-started, migration-finished, migration-skipped, migration-failed,
 * starting (a process or container is starting), started (it is serving),
 * stopped, crashed, healthy, unhealthy.
 */

export const MARKERS = [
  'build-started',
  'build-finished',
  'build-failed',
  'deploy-started',
  'deploy-succeeded',
  'deploy-failed',
  'migration-started',
  'migration-finished',
  'migration-skipped',
  'migration-failed',
  'starting',
  'started',
  'stopped',
  'crashed',
  'healthy',
  'unhealthy',
] as const;
export type Marker = (typeof MARKERS)[number];

// Failures first: "Healthcheck failed" must not read as a health check.
const FAILURES = 5;
const RULES: [RegExp, Marker][] = [
  [
    /\bState changed from \w+ to crashed\b|\bcode=H1[0-3]\b|^H1[0-3] App crashed|\bApp crashed\b|\bProcess exited with status (?!0\b|130\b|143\b)\d|\bexited with (?:code|status) (?!0\b|130\b|143\b)\d|\bOut of memory: Killed process\b|\bwas sent SIGKILL\b|\bWORKER TIMEOUT\b|Main process exited, code=(?:exited|killed|dumped), status=(?!0\/)|\bFailed with result '|\bBack-off restarting failed|\bOOMKilled\b|\bDeployment crashed\b|^Crashed\b/i,
    'crashed',
  ],
  [/\bHealthcheck failed\b|\bhealth ?check (?:failed|timed out)|replicas never became healthy|\bis unhealthy\b|^Attempt #\d+ failed/i, 'unhealthy'],
  [/\bmigrations? failed\b|^FAILED: |\balembic\.util\.exc\.|\bCommandError: /i, 'migration-failed'],
  [/^Build failed\b|\bfailed to solve\b|^Process completed with exit code [1-9]|\bBuild failed\b/i, 'build-failed'],
  [/\bDeploy(?:ment)? failed\b|\bRelease .* failed\b/i, 'deploy-failed'],
  [
    /\bNo migrations to apply\b|\bNo migration necessary\b|\balready (?:at head|up to date)\b|\bNothing to migrate\b|\bmigrations? skipped\b|\balready exists\b.*\bskip|\bskipping (?:the )?(?:create|migration)/i,
    'migration-skipped',
  ],
  [
    /^Running migrations\b|^Running upgrade\b|^(?:Run |\$ |\+ )?alembic upgrade\b|^Applying migrations\b|^Operations to perform\b|^Running pending migrations\b|^== \d+ \w+: migrating\b|^Migrating\b/i,
    'migration-started',
  ],
  [
    /^Migrations? (?:completed|complete|finished|applied|done)\b|^All migrations (?:applied|ran)\b|^Applying \S+\.\.\. OK\b|^Migrated\b|^== \d+ \w+: migrated\b|\bmigrations? (?:completed|finished) successfully\b/i,
    'migration-finished',
  ],
  [/\bHealthcheck succeeded\b|\bhealth ?check (?:passed|succeeded|ok)\b|\bbecame healthy\b|\bis healthy\b/i, 'healthy'],
  [/^Build time: |^Build (?:finished|succeeded|completed|complete)\b|^Successfully built\b|^Build succeeded\b/i, 'build-finished'],
  [/^Build started\b|^Building\b|^Using (?:Nixpacks|Detected Dockerfile|Railpack)\b|^Current runner version\b|^Starting build\b/i, 'build-started'],
  [/^Deploy(?:ment)? (?:succeeded|successful|complete|completed|finished|is live)\b|^Deployed\b|^Successfully deployed\b/i, 'deploy-succeeded'],
  [/^Deploy(?:ing|ment started)?\b(?! failed)|^Release v\d+ created\b|^Starting deploy/i, 'deploy-started'],
  [
    /\bUvicorn running on\b|^Listening (?:on|at)\b|\blistening on (?:port|http|:|\d)|^Application startup complete\b|^Server (?:started|listening|running)\b|^Started \S+ in \d|ready to accept connections|\bstarted on port\b|\bState changed from \w+ to up\b|^Started (?!(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) )[\w@. -]+\.(?:service)?$|^Started [\w@.-]+\.service\b/,
    'started',
  ],
  [
    /^Stopping Container\b|^Stopped\b|^Shutting down\b|^Finished server process\b|\bState changed from \w+ to down\b|^Stopping all processes\b|\bProcess exited with status (?:0|130|143)\b|\bexited with (?:code|status) (?:0|130|143)\b|^Stopping [\w@.-]+\.service\b/,
    'stopped',
  ],
  [
    /^Starting Container\b|^Starting process with command\b|^Starting gunicorn\b|^Booting worker\b|^Started server process\b|^Scheduled restart job\b|\bScheduled restart job\b|^Starting [\w@.-]+\.service\b|\bState changed from \w+ to starting\b/,
    'starting',
  ],
];

const LOGGER_PREFIX = /^(?:\[[^\]]{1,80}\]\s*|[a-z][\w.@-]{0,59}:(?!\/\/)\s*)/;

/** Words every rule needs one of: most messages are turned away by this one test. */
const ANY_MARKER =
  /crash|H1[0-3]|exit|health|replicas|attempt #|migrat|alembic|upgrade|failed|build|deploy|release|oomkill|out of memory|sigkill|worker timeout|back-off|main process|start|stop|shutting|finished|running|listening|ready|booting|skip|already|nothing to|successfully|runner|nixpacks|dockerfile|railpack|operations to perform|applying|== \d/i;
/** The same for the failure rules, which are all an error line is checked against. */
const ANY_FAILURE =
  /crash|H1[0-3]|exit|out of memory|SIGKILL|WORKER TIMEOUT|health|replicas|attempt #|migrat|alembic|FAILED: |CommandError|failed to solve|build failed|process completed|deploy|release|oomkill|back-off|main process|failed with result/i;

/**
 * The marker a message announces, or null. `hinted` says the fast scanner saw
 * a marker-like start; without it only failures (crashes, failed health
 * checks, migrations, builds, deploys) are looked for, as in error lines.
 */
export function classifyMarker(message: string, hinted = true): Marker | null {
  // Rules read the message itself: a logger name before it (`[alembic.runtime.migration] `, `habits.service: `) is skipped.
  const text = (message.length > 500 ? message.slice(0, 500) : message).replace(LOGGER_PREFIX, '');
  if (!(hinted ? ANY_MARKER : ANY_FAILURE).test(text)) return null;
  const rules = hinted ? RULES.length : FAILURES;
  for (let i = 0; i < rules; i++) {
    const [pattern, marker] = RULES[i] as [RegExp, Marker];
    if (pattern.test(text)) return marker;
  }
  return null;
}
