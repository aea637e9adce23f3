// `npm start`: configuration from the environment (and .env), then the real bot or the offline sandbox.
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './ops/logger';
import { startBot, StartupError, type RunningBot } from './start';
import { installProcessSafetyNet } from './ops/safety-net';
import { redactForLog } from './webex/redact';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`Configuration error: ${problem}\n`);
      process.stderr.write('See .env.example and the README for every variable.\n');
      process.exit(2);
    }
    throw err;
  }

  // A newcomer trying the sandbox sees the banner, not a stream of JSON, unless they ask for logs.
  const quietSandbox = config.mode === 'sandbox' && (process.env.LOG_LEVEL ?? '').trim() === '';
  const logger = createLogger(quietSandbox ? 'warn' : config.logLevel);
  installProcessSafetyNet(logger);

  let bot: RunningBot;
  if (config.mode === 'sandbox') {
    // Loaded only here: a production process never loads the emulator and the chat page.
    const { startSandbox } = await import('../sandbox/start-sandbox');
    const sandbox = await startSandbox({ config, logger });
    bot = sandbox.bot;
    process.stdout.write(`Sandbox mode: no WEBEX_BOT_TOKEN set, so the bot runs against the built-in Webex emulator. Open http://localhost:${bot.port}/ to chat with it.\n`);
    registerShutdown(logger, async () => {
      await bot.stop();
      await sandbox.stop();
    });
  } else {
    bot = await startBot({ config, webex: config.webex!, logger });
    registerShutdown(logger, () => bot.stop());
    if (!config.webhook) {
      logger.warn('websocket mode (no WEBHOOK_URL): run a single instance only; several instances would each answer every message');
    }
  }
  try {
    await bot.started;
  } catch (err) {
    fail(logger, err);
  }
}

function registerShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutdown.started');
    stop()
      .then(() => {
        logger.info('shutdown.complete');
        exitAfterFlush(logger, 0);
      })
      .catch((err) => {
        logger.error({ err: redactForLog(err) }, 'shutdown.failed');
        exitAfterFlush(logger, 1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function fail(logger: Logger, err: unknown): void {
  const message = err instanceof StartupError ? err.message : `Startup failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  exitAfterFlush(logger, 1);
}

/** pino writes asynchronously: the last lines (e.g. "shutdown.complete") must reach stdout before exit. */
function exitAfterFlush(logger: Logger, code: number): void {
  const exit = () => process.exit(code);
  setTimeout(exit, 2_000).unref();
  try {
    logger.flush(exit);
  } catch {
    exit();
  }
}

main().catch((err) => {
  process.stderr.write(`Startup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
