// 200 commands from 40 agents within one second while the emulator allows 50 calls per second (429 +
// Retry-After beyond that): every command must be answered exactly once, and the bot should keep the
// allowed rate busy rather than back off far beyond what Retry-After asks.
import { performance } from 'node:perf_hooks';
import { replyKind } from '../ask';
import { sleep } from '../bot-process';
import { callSpan, webexCalls } from '../call-log';
import { check, figure } from '../figures';
import { round } from '../stats';
import { settle } from '../settle';
import { lookupCommand } from '../world';
import { resetConditions, type ScenarioContext, type ScenarioResult } from './context';

const COMMANDS_PER_AGENT = 5;
const SEND_WINDOW_MS = 1_000;
const RATE_LIMIT_PER_SECOND = 50;
/** Well past the bot's own deadline for a command (25 s by default) plus its reply's grace period. */
const ANSWER_TIMEOUT_MS = 60_000;
/** After the last reply: long enough for any duplicate or late reply to show up. */
const AFTER_QUIET_MS = 2_000;

export interface BurstDetails {
  commands: number;
  rateLimitPerSecond: number;
  /** Rooms whose number of replies was not exactly the number of commands sent there. */
  roomsNotAnsweredOnce: Array<{ agent: string; sent: number; replies: number }>;
  replyKinds: Record<string, number>;
  /** From the first command sent to the last reply. */
  allAnsweredAfterMs: number;
  calls: { total: number; accepted: number; rejected429: number; otherErrors: number };
  firstToLastCallMs: number;
  achievedPerSecond: number;
  achievedPercentOfLimit: number;
  /** The same, counting the calls answered 429 too. */
  percentOfLimitIncluding429: number;
  /** The shortest span the limit allows for the accepted calls (a rolling one-second window). */
  shortestAllowedSpanMs: number;
}

export async function measureBurst(ctx: ScenarioContext): Promise<ScenarioResult<BurstDetails>> {
  resetConditions(ctx);
  const { world, progress } = ctx;
  const { emulator, agents, targets } = world;
  const before = agents.map((a) => emulator.botMessages(a.roomId).length);
  const total = agents.length * COMMANDS_PER_AGENT;
  const gapMs = SEND_WINDOW_MS / total;
  emulator.setRateLimit(RATE_LIMIT_PER_SECOND);

  progress.step(`burst: sending ${total} commands from ${agents.length} agents within ${SEND_WINDOW_MS} ms`);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let n = 0; n < total; n++) {
    const wait = started + n * gapMs - performance.now();
    if (wait > 1) await sleep(wait);
    const i = n % agents.length;
    const round = Math.floor(n / agents.length);
    // Each agent asks for people whose first look-up happened earlier (targets 0..agents-1).
    const target = targets[(i + round * 8) % agents.length];
    sends.push(emulator.say({ from: agents[i].email, roomId: agents[i].roomId, text: lookupCommand(target) }));
  }
  await Promise.all(sends);

  const waits = agents.map((a, i) =>
    emulator.waitForBotMessages({ roomId: a.roomId, count: COMMANDS_PER_AGENT, after: before[i], timeoutMs: ANSWER_TIMEOUT_MS }),
  );
  const ticker = setInterval(() => {
    const answered = agents.reduce((sum, a, i) => sum + emulator.botMessages(a.roomId).length - before[i], 0);
    progress.update(`burst: ${answered}/${total} answered, ${emulator.requests.length} Webex calls so far`);
  }, 250);
  let allAnsweredAfterMs = Number.NaN;
  try {
    await Promise.allSettled(waits);
    allAnsweredAfterMs = round(performance.now() - started);
    await settle(emulator, AFTER_QUIET_MS);
  } finally {
    clearInterval(ticker);
    emulator.setRateLimit(null);
  }

  const roomsNotAnsweredOnce = [];
  const replyKinds: Record<string, number> = {};
  for (const [i, agent] of agents.entries()) {
    const replies = emulator.botMessages(agent.roomId).slice(before[i]);
    if (replies.length !== COMMANDS_PER_AGENT) roomsNotAnsweredOnce.push({ agent: agent.email, sent: COMMANDS_PER_AGENT, replies: replies.length });
    for (const reply of replies) replyKinds[replyKind(reply)] = (replyKinds[replyKind(reply)] ?? 0) + 1;
  }

  const calls = webexCalls(emulator.requests);
  const accepted = calls.filter((c) => c.status !== 429);
  const spans = accepted.map(callSpan);
  const firstToLastCallMs = spans.length > 1 ? Math.max(...spans.map((s) => s.end)) - Math.min(...spans.map((s) => s.start)) : Number.NaN;
  const achievedPerSecond = accepted.length / (firstToLastCallMs / 1000);
  const details: BurstDetails = {
    commands: total,
    rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
    roomsNotAnsweredOnce,
    replyKinds,
    allAnsweredAfterMs,
    calls: {
      total: calls.length,
      accepted: accepted.length,
      rejected429: calls.length - accepted.length,
      otherErrors: accepted.filter((c) => c.status >= 400 || c.status === 0).length,
    },
    firstToLastCallMs,
    achievedPerSecond: round(achievedPerSecond),
    achievedPercentOfLimit: round((100 * achievedPerSecond) / RATE_LIMIT_PER_SECOND),
    percentOfLimitIncluding429: round((100 * calls.length) / (firstToLastCallMs / 1000) / RATE_LIMIT_PER_SECOND),
    shortestAllowedSpanMs: Math.max(0, Math.ceil(accepted.length / RATE_LIMIT_PER_SECOND) - 1) * 1000,
  };
  return {
    figures: [
      check(`Burst: ${total} commands answered exactly once`, roomsNotAnsweredOnce.length === 0, 'yes'),
      figure('Burst: replies with the transfer numbers', replyKinds.numbers ?? 0, '', 'atLeast', total),
      figure(`Burst: achieved call rate, % of ${RATE_LIMIT_PER_SECOND}/s`, details.achievedPercentOfLimit, '%', 'atLeast', 90),
    ],
    details,
  };
}
