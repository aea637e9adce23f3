// One bot process from start to stop: started against the world's emulator, ready (readyz and both
// webhooks registered), and afterwards stopped with its webhooks removed so the next bot starts clean.
import { startBotProcess, waitUntilReady, type BotProcess } from './bot-process';
import type { World } from './world';

const READY_TIMEOUT_MS = 30_000;
const WEBHOOKS_TIMEOUT_MS = 10_000;
const WEBHOOK_SECRET = 'bench-webhook-secret-7d2a41c9e8';

export interface BotInstance {
  bot: BotProcess;
  /** Stops the bot and deletes its webhooks; safe to call twice. */
  end(): Promise<void>;
}

/** `env`: documented bot settings on top of what a minimal deployment sets. */
export async function startBotInstance(world: World, env: Record<string, string> = {}): Promise<BotInstance> {
  const { emulator } = world;
  const bot = await startBotProcess({
    apiUrl: emulator.baseUrl,
    botToken: emulator.tokens.bot,
    adminToken: emulator.tokens.admin,
    webhookSecret: WEBHOOK_SECRET,
    env,
  });
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await bot.stop();
    await removeWebhooks(world, bot.webhookUrl);
  };
  try {
    await waitUntilReady(bot, READY_TIMEOUT_MS);
    await waitForWebhooks(world, bot.webhookUrl, WEBHOOKS_TIMEOUT_MS);
  } catch (err) {
    await end();
    throw err;
  }
  return { bot, end };
}

type WebhookList = { items?: Array<{ id: string; targetUrl?: string }> };

async function botWebhooks(world: World, targetUrl: string): Promise<Array<{ id: string }>> {
  const { emulator } = world;
  const res = await fetch(`${emulator.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${emulator.tokens.bot}` } });
  const body = (await res.json()) as WebhookList;
  return (body.items ?? []).filter((w) => w.targetUrl === targetUrl);
}

/** The bot's start-up may finish before both webhooks exist; events sent before then would be lost. */
async function waitForWebhooks(world: World, targetUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await botWebhooks(world, targetUrl)).length >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the bot did not register its webhooks within ${timeoutMs} ms`);
}

/** A stopped bot keeps its webhooks (another instance might use them); the bench has no other instance. */
async function removeWebhooks(world: World, targetUrl: string): Promise<void> {
  const { emulator } = world;
  for (const hook of await botWebhooks(world, targetUrl)) {
    await fetch(`${emulator.baseUrl}/webhooks/${hook.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${emulator.tokens.bot}` } });
  }
}
