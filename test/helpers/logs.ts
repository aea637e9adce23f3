// A pino logger that writes into memory, so tests can assert what was (and was not) logged.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/ops/logger';

export interface CapturedLogs {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
}

/** Every line any captured logger wrote in this test process, for the log-hygiene test at the end of a suite. */
export const allCapturedLogs: string[] = [];

export function captureLogs(level = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      allCapturedLogs.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(level, sink);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
