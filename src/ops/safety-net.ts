// Last line of defence: anything that escapes a handler is logged, and the process keeps serving.
import type { Logger } from './logger';
import { redactForLog } from '../webex/redact';

export function installProcessSafetyNet(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: redactForLog(reason) }, 'process.unhandled_rejection');
  });
  process.on('uncaughtException', (err) => {
    logger.error({ err: redactForLog(err) }, 'process.uncaught_exception');
  });
}
