import pino, { type DestinationStream, type Logger } from 'pino';
import { StartupError } from '../db/connect.ts';

export type { Logger };

/** LOG_LEVEL: pino's levels, most to least severe, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_FORMAT: `auto` is pretty on a terminal (outside production), JSON otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerSettings {
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/**
 * What a component logs to when it is given no logger: nothing. The server passes the one logger
 * it made from the settings; tests pass none (silence) or one that keeps the lines to assert on.
 */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * An error as it is logged: its kind, message, stack and code, and nothing else. Other members
 * can carry what a log must not: a PostgreSQL error's `detail` holds the row's values
 * (`Key (email)=(ana@…) already exists`).
 */
function errorFields(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error) };
  const { type, message, stack } = pino.stdSerializers.err(error);
  const code = (error as { code?: unknown }).code;
  return { type, message, stack, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
}

/** How long a line may wait before it is written: what an operator tailing the log waits at most. */
export const LOG_FLUSH_MS = 250;
/** Lines written together once this many wait (about 16 KiB of request lines). */
const BATCH_LINES = 64;

/** Every batch of this process, written out by whatever ends it. */
const batches = new Set<BatchedLines>();

/**
 * Lines gathered and written together, in one synchronous write: when BATCH_LINES wait (a busy
 * process) or LOG_FLUSH_MS after the first (a quiet one). Writing each line as it came cost a
 * cheap request as much as the rest of its work, in the writer more than in the system call
 * (pino's writer measures its whole pending buffer again as each line joins it; profiled on the
 * bench's plain route); a joined batch is measured once. Whatever ends the process — its end,
 * process.exit, a crash — writes what waits first; only a process killed outright (SIGKILL, the
 * kernel's OOM killer) loses its last LOG_FLUSH_MS of lines.
 */
class BatchedLines implements DestinationStream {
  readonly #out: ReturnType<typeof pino.destination>;
  #lines: string[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(dest: number | string) {
    if (batches.size === 0) process.once('exit', () => batches.forEach((batch) => batch.flush()));
    batches.add(this);
    this.#out = pino.destination({ dest, sync: true, mkdir: typeof dest === 'string' });
  }

  write(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length >= BATCH_LINES) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), LOG_FLUSH_MS).unref();
  }

  /** Writes what waits now (pino's `logger.flush()` calls this). */
  flush(done?: (error?: Error) => void): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#lines.length > 0) {
      const batch = this.#lines.join('');
      this.#lines = [];
      this.#out.write(batch);
    }
    done?.();
  }
}

/** Where JSON lines go: stdout (fd 1) or a file, in batches. */
export function logDestination(dest: number | string): DestinationStream {
  return new BatchedLines(dest);
}

/**
 * The process's logger: one JSON object per line, time in epoch milliseconds, errors under `err`,
 * on stdout — or on `destination` (the bench's file), always as JSON. On stdout the lines are
 * pretty when LOG_FORMAT says so, through pino-pretty: a devDependency, imported only then, so a
 * production install runs without it — `auto` then falls back to JSON, and an explicit `pretty`
 * stops the start-up saying what to do.
 */
export async function createLogger({ logLevel, logFormat }: LoggerSettings, destination?: DestinationStream): Promise<Logger> {
  const options = { level: logLevel, serializers: { err: errorFields } };
  const terminal = process.stdout.isTTY === true;
  if (destination !== undefined || logFormat === 'json' || (logFormat === 'auto' && !terminal)) return pino(options, destination ?? logDestination(1));
  let pretty: typeof import('pino-pretty').build;
  try {
    pretty = (await import('pino-pretty')).build;
  } catch {
    if (logFormat === 'auto') return pino(options, logDestination(1));
    throw new StartupError('LOG_FORMAT=pretty needs the pino-pretty package, a devDependency not installed here: install the devDependencies, or set LOG_FORMAT=json.');
  }
  return pino(options, pretty({ colorize: terminal, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l', singleLine: true }));
}

/**
 * The text of an error from outside (an SMTP server's refusal, say) without the email addresses
 * it may quote (`550 5.1.1 <ana@example.com>: Recipient address rejected`): logs never hold one.
 */
export function withoutEmailAddresses(text: string): string {
  return text.replace(/[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g, '<address>');
}
