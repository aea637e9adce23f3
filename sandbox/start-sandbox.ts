// Sandbox mode: start the Webex emulator on loopback, then the real bot against it through WEBEX_API_URL
// with signed webhooks, and serve the local chat page. The bot itself is started exactly as in real mode.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from '../src/config';
import type { Logger } from '../src/ops/logger';
import { sandboxPublicDir } from '../src/paths';
import { startBot, type RunningBot } from '../src/start';
import { createEmulator, SEED_EMAILS, type Emulator, type EmulatorOptions } from './emulator';

export const SANDBOX_WEBHOOK_PATH = '/webhooks/webex';
export const SANDBOX_EMULATOR_MOUNT = '/sandbox/webex';

export interface SandboxOptions {
  config: Config;
  logger: Logger;
  /** Interface for the page and webhook route; loopback only unless a test says otherwise. */
  host?: string;
  emulator?: EmulatorOptions;
}

export interface RunningSandbox {
  bot: RunningBot;
  emulator: Emulator;
  /** The secret the bot's webhooks are signed with (`npm run doctor` checks them). */
  webhookSecret: string;
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  const emulator = createEmulator(opts.emulator);
  const apiUrl = await emulator.listen(0, '127.0.0.1');
  const secret = randomBytes(24).toString('hex');
  const placeholderUrl = `http://127.0.0.1:${opts.config.port}${SANDBOX_WEBHOOK_PATH}`;
  // The sandbox's agent may try edits on the emulator's made-up people, unless ALLOWED_EDITORS says who may.
  const allowedEditors = opts.config.allowedEditors.length > 0 ? opts.config.allowedEditors : [SEED_EMAILS.agent];
  const config: Config = { ...opts.config, allowedEditors, webhook: { url: placeholderUrl, secret } };

  let bot: RunningBot;
  try {
    bot = await startBot({
      config,
      webex: { apiUrl, botToken: emulator.tokens.bot, admin: { kind: 'token', token: emulator.tokens.admin } },
      logger: opts.logger,
      host: opts.host ?? '127.0.0.1',
      webhookUrlForPort: (port) => `http://127.0.0.1:${port}${SANDBOX_WEBHOOK_PATH}`,
      mount: (app) => mountSandboxPage(app, emulator),
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  return {
    bot,
    emulator,
    webhookSecret: secret,
    async stop() {
      await bot.stop();
      await emulator.close();
    },
  };
}

/** The chat page, its vendor bundles, and the emulator's API (the page is a Webex client of it). */
function mountSandboxPage(app: Express, emulator: Emulator): void {
  app.use(SANDBOX_EMULATOR_MOUNT, emulator.app);
  const vendor = (pkgFile: string) => path.join(path.dirname(require.resolve(`${pkgFile.split('/')[0]}/package.json`)), ...pkgFile.split('/').slice(1));
  app.get('/vendor/adaptivecards.min.js', (_req, res) => res.sendFile(vendor('adaptivecards/dist/adaptivecards.min.js')));
  app.get('/vendor/markdown-it.min.js', (_req, res) => res.sendFile(vendor('markdown-it/dist/markdown-it.min.js')));
  app.use(express.static(sandboxPublicDir, { index: 'index.html', fallthrough: true }));
}
