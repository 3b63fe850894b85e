import { z } from 'zod';

/**
 * The `capture:` settings of `postmortem.config.yaml`: what `postmortem
 * capture` collects when the command line does not say. Every key is
 * optional; an option given on the command line replaces the setting.
 *
 *     capture:
 *       logs:
 *         - file: logs/deploy.log
 *           source: railway
 *         - command: kubectl logs deploy/api --since=3h --timestamps
 *           source: api
 *       repos: [., ../infra]
 *       since: 2h
 *       checks: checks.yaml
 *       env: { required: [DATABASE_URL, SECRET_KEY], from: .env }
 *       draft: postmortems/{id}/postmortem.md
 */

const name = z.string().trim().min(1, 'must not be empty');

const logFile = z.strictObject({
  file: name,
  source: name.optional(),
  format: name.optional(),
});
const logCommand = z.strictObject({
  command: name,
  source: name.optional(),
  format: name.optional(),
});

/** One log source: a file (a bare string is a file), or a command whose output is the log. */
export const captureLogSchema = z.union([name.transform((file): { file: string; source?: string; format?: string } => ({ file })), logFile, logCommand], {
  error: 'expected a file name, { file, source }, or { command, source }',
});

export const captureConfigSchema = z
  .strictObject({
    logs: z.array(captureLogSchema).default([]),
    repos: z.array(name).default([]),
    /** A duration back from now (`2h`) or a time. */
    since: name.default('2h'),
    until: name.optional(),
    checks: name.optional(),
    base_url: name.optional(),
    urls: z.array(name).default([]),
    /** Milliseconds a `urls` check may take. */
    timeout_ms: z.number().int().positive().optional(),
    env: z
      .strictObject({
        required: z.array(name).default([]),
        optional: z.array(name).default([]),
        from: name.default('process'),
      })
      .optional(),
    /** Where the draft is written, relative to the workspace; `{id}` is the incident id. */
    draft: name.default('postmortems/{id}/postmortem.md'),
  })
  .default({ logs: [], repos: [], since: '2h', urls: [], draft: 'postmortems/{id}/postmortem.md' });

export type CaptureConfig = z.output<typeof captureConfigSchema>;
export type CaptureLog = z.output<typeof captureLogSchema>;

/** The settings when the config has no `capture:` key. */
export function defaultCaptureConfig(): CaptureConfig {
  return captureConfigSchema.parse(undefined);
}
