// Last line of defence: anything that escapes a handler is logged, and the process keeps serving.
import type { Logger } from './logger';

export function installProcessSafetyNet(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: describe(reason) }, 'process.unhandled_rejection');
  });
  process.on('uncaughtException', (err) => {
    logger.error({ err: describe(err) }, 'process.uncaught_exception');
  });
}

function describe(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { message: String(err) };
}
