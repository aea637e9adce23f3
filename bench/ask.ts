// One command, one at a time: how long until the reply appeared, and which Webex calls it took.
import { performance } from 'node:perf_hooks';
import type { RequestRecord } from '../sandbox/emulator';
import type { WebexMessage } from '../src/webex/types';
import { callLabel, webexCalls } from './call-log';
import { settle } from './settle';
import type { Agent, World } from './world';

export interface Answer {
  /** From the moment the agent's message was sent to the bot's reply being stored. */
  replyMs: number;
  /** Webex calls from sending the command until everything went quiet after the reply. */
  calls: RequestRecord[];
  reply: WebexMessage;
  /** Bot messages in the space for this command (1 when answered exactly once). */
  replies: number;
  /** Webhook deliveries and Webex calls, in ms from sending the command: shows where the time goes. */
  timeline: TimelineEntry[];
}

export interface TimelineEntry {
  /** Start, in ms after the command was sent. */
  atMs: number;
  durationMs: number;
  what: string;
}

export interface AskOptions {
  /** How long nothing may happen before the command counts as finished. */
  quietMs: number;
  timeoutMs: number;
}

export async function askAndSettle(world: World, agent: Agent, text: string, opts: AskOptions): Promise<Answer> {
  const { emulator } = world;
  const before = emulator.botMessages(agent.roomId).length;
  const firstCall = emulator.requests.length;
  const firstDelivery = emulator.deliveries.length;
  const startedEpochMs = Date.now();
  const started = performance.now();
  await emulator.say({ from: agent.email, roomId: agent.roomId, text });
  const [reply] = await emulator.waitForBotMessages({ roomId: agent.roomId, count: 1, after: before, timeoutMs: opts.timeoutMs });
  const replyMs = performance.now() - started;
  await settle(emulator, opts.quietMs);
  const calls = webexCalls(emulator.requests.slice(firstCall));
  const timeline = [
    ...emulator.deliveries.slice(firstDelivery).map((d) => ({ at: d.at, durationMs: d.durationMs, what: `webhook ${d.resource}.${d.event}` })),
    ...calls.map((c) => ({ at: c.at, durationMs: c.durationMs, what: callLabel(c) })),
  ]
    .map((e) => ({ atMs: Date.parse(e.at) - startedEpochMs, durationMs: e.durationMs, what: e.what }))
    .sort((a, b) => a.atMs - b.atMs);
  return {
    replyMs,
    calls,
    timeline,
    reply,
    replies: emulator.botMessages(agent.roomId).length - before,
  };
}

export const RESULT_PREFIX = '**Transfer numbers** for';

/**
 * "numbers" for the transfer-numbers answer; otherwise the start of whatever the bot said instead, with
 * digits as # so that e.g. "try again in 41 seconds" and "in 40 seconds" count as one kind.
 */
export function replyKind(message: WebexMessage): string {
  const text = message.markdown ?? message.text ?? '';
  return text.startsWith(RESULT_PREFIX) ? 'numbers' : text.split('\n')[0].slice(0, 100).replace(/\d+/g, '#');
}
