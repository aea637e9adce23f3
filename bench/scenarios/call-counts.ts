// Webex calls per command, one command at a time: every agent's first look-up in its new 1:1 space, then
// repeat look-ups of the same person by the same agent, then people who follow their location (their
// location's numbers are read every time; its permissions and name are kept).
import type { RequestRecord } from '../../sandbox/emulator';
import { askAndSettle, replyKind } from '../ask';
import { callPatterns } from '../call-log';
import { figure } from '../figures';
import { max, median } from '../stats';
import { lookupCommand } from '../world';
import { resetConditions, type ScenarioContext, type ScenarioResult } from './context';

const REPEATING_AGENTS = 10;
const REPEATS_PER_AGENT = 2;
const QUIET_MS = 60;
const TIMEOUT_MS = 30_000;

export interface CallCountDetails {
  firstLookup: { commands: number; medianCalls: number; maxCalls: number; patterns: ReturnType<typeof callPatterns> };
  repeatLookup: { commands: number; medianCalls: number; maxCalls: number; patterns: ReturnType<typeof callPatterns> };
  followerFirstLookup: { commands: number; medianCalls: number; maxCalls: number; patterns: ReturnType<typeof callPatterns> };
  followerRepeatLookup: { commands: number; medianCalls: number; maxCalls: number; patterns: ReturnType<typeof callPatterns> };
  /** Replies other than the transfer-numbers card, by their first line. */
  otherReplies: string[];
}

export async function measureCallCounts(ctx: ScenarioContext): Promise<ScenarioResult<CallCountDetails>> {
  resetConditions(ctx);
  const { world, progress } = ctx;
  const ask = (agentIndex: number, target = world.targets[agentIndex]) =>
    askAndSettle(world, world.agents[agentIndex], lookupCommand(target), { quietMs: QUIET_MS, timeoutMs: TIMEOUT_MS });
  const otherReplies: string[] = [];
  const note = (answer: Awaited<ReturnType<typeof ask>>) => {
    const kind = replyKind(answer.reply);
    if (kind !== 'numbers' || answer.replies !== 1) otherReplies.push(`${kind} (${answer.replies} replies)`);
    return answer.calls;
  };

  const first: RequestRecord[][] = [];
  for (let i = 0; i < world.agents.length; i++) {
    progress.update(`call counts: first look-up in a new space ${i + 1}/${world.agents.length}`);
    first.push(note(await ask(i)));
  }
  const repeat: RequestRecord[][] = [];
  for (let round = 0; round < REPEATS_PER_AGENT; round++) {
    for (let i = 0; i < REPEATING_AGENTS; i++) {
      progress.update(`call counts: repeat look-up ${round * REPEATING_AGENTS + i + 1}/${REPEATS_PER_AGENT * REPEATING_AGENTS}`);
      repeat.push(note(await ask(i)));
    }
  }

  const followerFirst: RequestRecord[][] = [];
  const followerRepeat: RequestRecord[][] = [];
  for (let i = 0; i < world.followers.length; i++) {
    progress.update(`call counts: people who follow their location ${i + 1}/${world.followers.length}`);
    followerFirst.push(note(await ask(i, world.followers[i])));
    followerRepeat.push(note(await ask(i, world.followers[i])));
  }

  const summary = (commands: RequestRecord[][]) => {
    const counts = commands.map((calls) => calls.length);
    return { commands: commands.length, medianCalls: median(counts), maxCalls: max(counts), patterns: callPatterns(commands) };
  };
  const details = {
    firstLookup: summary(first),
    repeatLookup: summary(repeat),
    followerFirstLookup: summary(followerFirst),
    followerRepeatLookup: summary(followerRepeat),
    otherReplies,
  };
  return {
    figures: [
      figure('Webex calls, repeat look-up (most)', details.repeatLookup.maxCalls, 'calls', 'atMost', 3),
      figure('Webex calls, first look-up in a new space (most)', details.firstLookup.maxCalls, 'calls', 'atMost', 6),
      // + the location's numbers, permissions and name (the last two kept for LOCATION_CACHE_TTL_SECONDS).
      figure('Webex calls, first look-up of someone who follows their location (most)', details.followerFirstLookup.maxCalls, 'calls', 'atMost', 8),
      // message, numbers, the location's numbers, reply: the location's numbers are never kept.
      figure('Webex calls, repeat look-up of someone who follows their location (most)', details.followerRepeatLookup.maxCalls, 'calls', 'atMost', 4),
    ],
    details,
  };
}
