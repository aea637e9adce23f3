// Without Webex credentials `npm start` runs the sandbox; the doctor then checks the sandbox the same
// way: it starts it (emulator and bot, on loopback, port 0), runs every check against the emulator,
// and stops it.
import type { Config } from '../config';
import type { Logger } from '../ops/logger';
import { SANDBOX_WEBHOOK_PATH, startSandbox } from '../../sandbox/start-sandbox';
import { runDoctor } from './run';
import type { DoctorReport } from './types';

export async function doctorSandbox(config: Config, logger: Logger, person?: string): Promise<DoctorReport> {
  const sandbox = await startSandbox({ config: { ...config, port: 0 }, logger });
  try {
    await sandbox.bot.started;
    const webex = { apiUrl: sandbox.emulator.baseUrl, botToken: sandbox.emulator.tokens.bot, admin: { kind: 'token' as const, token: sandbox.emulator.tokens.admin } };
    const url = `http://127.0.0.1:${sandbox.bot.port}${SANDBOX_WEBHOOK_PATH}`;
    return await runDoctor({ config: { ...config, webhook: { url, secret: sandbox.webhookSecret } }, webex, logger, mode: 'sandbox', person });
  } finally {
    await sandbox.stop();
  }
}
