import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** The levels `LOG_LEVEL` takes, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON: for a terminal, never for a log shipper. */
  pretty?: boolean;
  /** Where the lines go (a test's memory stream); standard output when omitted. */
  destination?: DestinationStream;
}

/**
 * The server's logger: one JSON object a line with `level` (a name, so a shipper needs no number table),
 * `time` (ISO 8601), `msg` and, on children, `component` and `reqId`.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const options = {
    level: opts.level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (opts.destination) return pino(options, opts.destination);
  // pino-pretty as a stream in this thread rather than a transport: the bundled server has no worker file to load.
  if (opts.pretty)
    return pino(
      options,
      pretty({ colorize: true, ignore: 'component', messageFormat: '{component}: {msg}', sync: true }),
    );
  return pino(options);
}

/**
 * The process's root logger, replaced once by the server's entry point from its configuration. Modules ask for
 * their child at the moment they log (not at import), so they log with the configured level and output.
 */
let root: Logger = createLogger({ level: 'info' });

export function setRootLogger(logger: Logger): void {
  root = logger;
}

/** A child of the root logger whose lines carry `component`. */
export function componentLogger(component: string): Logger {
  return root.child({ component });
}
