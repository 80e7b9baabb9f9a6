import { createLogger, type Logger, type LogLevel } from '../../server/log/logger';

/** One parsed log line as the server writes it. */
export interface LogLine {
  level: string;
  time: string;
  msg: string;
  component?: string;
  reqId?: string;
  [key: string]: unknown;
}

export interface CapturedLog {
  logger: Logger;
  /** Every line, parsed, in order. */
  lines: LogLine[];
  /** The `msg` of every line (live: grows as the code logs). */
  messages: string[];
  /** The `msg` of lines at `error` or `fatal`. */
  errors: string[];
}

/** A real pino logger writing its JSON lines into memory, so a test reads what the server would print. */
export function captureLogger(level: LogLevel = 'trace'): CapturedLog {
  const lines: LogLine[] = [];
  const messages: string[] = [];
  const errors: string[] = [];
  const write = (chunk: string) => {
    const line = JSON.parse(chunk) as LogLine;
    lines.push(line);
    messages.push(line.msg);
    if (line.level === 'error' || line.level === 'fatal') errors.push(line.msg);
  };
  return { logger: createLogger({ level, destination: { write } }), lines, messages, errors };
}

/** A logger that writes nothing, for tests where what is logged does not matter. */
export const silentLogger = (): Logger => createLogger({ level: 'silent' });
