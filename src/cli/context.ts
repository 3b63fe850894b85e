/** What a command may touch. Tests build this inline; nothing global is patched. */
export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdoutIsTTY: boolean;
  /** Progress bars go to stderr, and only when it is a terminal. */
  stderrIsTTY: boolean;
}

/** Options every command accepts (before or after the command name). */
export interface GlobalOptions {
  db?: string;
}

export function processContext(): Context {
  return {
    cwd: process.cwd(),
    env: process.env,
    now: () => (process.env.POSTMORTEM_NOW ? new Date(process.env.POSTMORTEM_NOW) : new Date()),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** Reads all of stdin as UTF-8 (for `-` arguments). */
export async function readStdin(ctx: Pick<Context, 'stdin'>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
