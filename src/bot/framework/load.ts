// Loads and configures webex-node-bot-framework. The Webex SDK reads HYDRA_SERVICE_URL once, when it is
// first loaded, so the API URL is set here, before the first require, and can't change afterwards.
import type FrameworkType from 'webex-node-bot-framework';

let loadedWithUrl: string | undefined;

export interface FrameworkOptions {
  apiUrl: string;
  botToken: string;
  webhookUrl?: string;
  webhookSecret?: string;
}

export function loadFrameworkClass(apiUrl: string): typeof FrameworkType {
  if (loadedWithUrl !== undefined && loadedWithUrl !== apiUrl) {
    throw new Error(`The Webex SDK is already loaded for ${loadedWithUrl}; one process talks to one Webex API URL`);
  }
  if (loadedWithUrl === undefined) {
    process.env.HYDRA_SERVICE_URL = apiUrl;
    // The SDK prints plain-text lines to the console (e.g. about service catalogs a bot does not use),
    // which would break the JSON log stream; our own logs report every failure that matters. 'group' is
    // the SDK's quietest named level. Set WEBEX_LOG_LEVEL to see the SDK's own logs when debugging.
    if (process.env.WEBEX_LOG_LEVEL === undefined) process.env.WEBEX_LOG_LEVEL = 'group';
    loadedWithUrl = apiUrl;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('webex-node-bot-framework') as typeof FrameworkType;
}

export function createFramework(opts: FrameworkOptions): FrameworkType {
  const Framework = loadFrameworkClass(opts.apiUrl);
  return new Framework({
    token: opts.botToken,
    webhookUrl: opts.webhookUrl,
    webhookSecret: opts.webhookSecret,
    // Never delete other integrations' webhooks (the framework's default deletes every webhook of the token).
    removeWebhooksOnStart: false,
    // Spaces are discovered when they first speak to us, not all at start.
    maxStartupSpaces: 0,
    messageFormat: 'markdown',
  });
}

/** The name the framework gives its webhooks and checks on every event: base64(host + ' ' + botEmail). */
export function frameworkWebhookName(webhookUrl: string, botEmail: string): string {
  return Buffer.from(`${new URL(webhookUrl).host} ${botEmail}`).toString('base64');
}
