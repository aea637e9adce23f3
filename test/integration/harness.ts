// Runs the real bot (framework + SDK + admin client) against the in-process emulator over loopback HTTP.
// The SDK fixes its API URL when first loaded, so every integration test in a process shares one emulator;
// each test gets its own bot instance and a clean slate of faults.
import { loadConfig } from '../../src/config';
import { startBot, type RunningBot } from '../../src/start';
import { createEmulator, SEED_EMAILS, SEED_LOCATIONS, type Emulator, type FaultSpec } from '../../sandbox/emulator';
import type { OutgoingMessage } from '../../src/cards/types';
import type { WebexMessage } from '../../src/webex/types';
import { assertValidMessage } from '../helpers/card-validation';
import { captureLogs, type CapturedLogs } from '../helpers/logs';

export const TEST_WEBHOOK_SECRET = 'integration-webhook-secret-5b1c9f';
const WEBHOOK_PATH = '/webhooks/webex';

let emulator: Emulator | undefined;

/** Seeded on top of the default organization for these tests. */
export const MALLORY = 'mallory@example.com';
export const HOSTILE_NAME = '[click me](http://evil.example) <@all> **Mallory**';

export async function sharedEmulator(): Promise<Emulator> {
  if (!emulator) {
    emulator = createEmulator({
      seed: {
        extraPeople: [
          {
            email: MALLORY,
            displayName: HOSTILE_NAME,
            calling: {
              locationId: SEED_LOCATIONS.hq.id,
              transferNumbers: { useCustomTransferNumbers: true, autoTransferNumber1: '+12055550199' },
            },
          },
        ],
        extraRooms: [{ key: 'onboarding', title: 'Onboarding', type: 'group', members: [SEED_EMAILS.agent, SEED_EMAILS.colleague] }],
      },
    });
    await emulator.listen(0, '127.0.0.1');
  }
  return emulator;
}

/** The environment of a bot talking to `emu` (webhook mode, port 0), with `overrides` on top. */
export function emulatorEnv(emu: Emulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    WEBEX_BOT_TOKEN: emu.tokens.bot,
    WEBEX_ADMIN_TOKEN: emu.tokens.admin,
    WEBEX_API_URL: emu.baseUrl,
    WEBHOOK_URL: `http://127.0.0.1:1${WEBHOOK_PATH}`,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PORT: '0',
    ...overrides,
  };
}

export interface BotUnderTest {
  emulator: Emulator;
  bot: RunningBot;
  logs: CapturedLogs;
  /** Sends `text` as `from` (default: the agent) and resolves with the bot's next message in that room. */
  ask(text: string, o?: { roomId?: string; from?: string; mentionBot?: boolean }): Promise<WebexMessage>;
  /** Submits a card's inputs and resolves with the bot's next message in that room. */
  submit(card: WebexMessage, inputs: Record<string, unknown>, o?: { from?: string }): Promise<WebexMessage>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Faults in place while the bot starts. */
  faults?: FaultSpec[];
  /** Runs once the port is bound, while start-up (admin check, framework, webhooks) is still going on. */
  whileStarting?: (bot: RunningBot) => Promise<void>;
  /** The clock of edits' confirmation and undo windows. */
  editClock?: () => number;
}

export async function startBotUnderTest(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<BotUnderTest> {
  const emu = await sharedEmulator();
  emu.faults.clear();
  emu.setLatency(0);
  emu.setRateLimit(null);
  for (const fault of opts.faults ?? []) emu.faults.add(fault);
  const logs = captureLogs('debug');
  // One agent sends most commands of a suite; the rate-limit test sets its own limit.
  const config = loadConfig(emulatorEnv(emu, { RATE_LIMIT_PER_MINUTE: '10000', ...env }));
  const bot = await startBot({
    config,
    webex: config.webex!,
    logger: logs.logger,
    host: '127.0.0.1',
    webhookUrlForPort: (port) => `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    editClock: opts.editClock,
  });
  const checking = opts.whileStarting?.(bot);
  await bot.started;
  await checking;
  await waitForWebhooks(emu, bot.port);

  const nextBotMessage = async (roomId: string, act: () => Promise<unknown>): Promise<WebexMessage> => {
    const before = emu.botMessages(roomId).length;
    await act();
    const [reply] = await emu.waitForBotMessages({ roomId, count: 1, after: before, timeoutMs: 15_000 });
    return reply;
  };

  return {
    emulator: emu,
    bot,
    logs,
    ask: (text, o = {}) => {
      const roomId = o.roomId ?? emu.rooms.direct;
      return nextBotMessage(roomId, () => emu.say({ from: o.from ?? SEED_EMAILS.agent, roomId, text, mentionBot: o.mentionBot }));
    },
    submit: (card, inputs, o = {}) =>
      nextBotMessage(card.roomId, () => emu.submit({ from: o.from ?? SEED_EMAILS.agent, messageId: card.id, inputs })),
    async stop() {
      await bot.stop();
      await removeWebhooksOf(emu, bot.port);
    },
  };
}

/** Webhook creation is not awaited by the framework's start(); wait until both exist for this bot. */
async function waitForWebhooks(emu: Emulator, port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${emu.baseUrl}/webhooks`, { headers: { authorization: `Bearer ${emu.tokens.bot}` } });
    const body = (await res.json()) as { items: Array<{ targetUrl: string }> };
    if (body.items.filter((w) => w.targetUrl.includes(`:${port}/`)).length >= 2) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the bot did not register its webhooks');
}

export async function removeWebhooksOf(emu: Emulator, port: number): Promise<void> {
  const headers = { authorization: `Bearer ${emu.tokens.bot}` };
  const res = await fetch(`${emu.baseUrl}/webhooks`, { headers });
  const body = (await res.json()) as { items: Array<{ id: string; targetUrl: string }> };
  for (const w of body.items.filter((x) => x.targetUrl.includes(`:${port}/`))) {
    await fetch(`${emu.baseUrl}/webhooks/${w.id}`, { method: 'DELETE', headers });
  }
}

/** The message as the bot posted it, checked like every card the bot sends: schema, renderer, no junk text. */
export function checkedMessage(message: WebexMessage): OutgoingMessage {
  const outgoing: OutgoingMessage = {
    markdown: message.markdown ?? message.text ?? '',
    ...(message.attachments?.length ? { attachments: message.attachments as OutgoingMessage['attachments'] } : {}),
  };
  assertValidMessage(outgoing);
  return outgoing;
}

export interface CardView {
  texts: string[];
  facts: Record<string, string>;
  buttons: Array<{ title: string; data: Record<string, unknown> }>;
  inputs: string[];
}

/** What an agent sees on a card: its text blocks, facts, buttons and inputs. */
export function viewCard(message: WebexMessage): CardView {
  const content = checkedMessage(message).attachments?.[0]?.content;
  if (!content) throw new Error(`message has no card: ${message.markdown ?? message.text}`);
  const view: CardView = { texts: [], facts: {}, buttons: [], inputs: [] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') view.texts.push(n.text);
    if (n.type === 'FactSet' && Array.isArray(n.facts)) for (const f of n.facts as Array<{ title: string; value: string }>) view.facts[f.title] = f.value;
    if (n.type === 'Action.Submit') view.buttons.push({ title: String(n.title), data: (n.data ?? {}) as Record<string, unknown> });
    if (typeof n.type === 'string' && n.type.startsWith('Input.')) view.inputs.push(String(n.id));
    for (const [k, v] of Object.entries(n)) if (k !== 'data') walk(v);
  };
  walk(content);
  return view;
}
