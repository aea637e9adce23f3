// Reply time of repeat look-ups, one at a time: at emulator latency 0 it bounds the bot's own time per
// command; at 50 ms per call it shows how many calls sit on the critical path.
import { askAndSettle, replyKind, type TimelineEntry } from '../ask';
import { max, median, percentile, round } from '../stats';
import { lookupCommand } from '../world';
import { resetConditions, type ScenarioContext } from './context';

/** Agents whose first look-up (of the target with their own index) has already happened. */
const KNOWN_AGENTS = 10;
const TIMEOUT_MS = 30_000;

export interface ReplyTimeDetails {
  latencyMs: number;
  commands: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  medianCalls: number;
  /** CPU time of the bot process per measured command (user + system). */
  botCpuMsPerCommand: number;
  otherReplies: string[];
  /** Where the time went in the command with the median reply time. */
  medianTimeline: TimelineEntry[];
}

export async function measureReplyTime(
  ctx: ScenarioContext,
  o: { latencyMs: number; commands: number; warmUp: number },
): Promise<ReplyTimeDetails> {
  resetConditions(ctx);
  const { world, progress } = ctx;
  world.emulator.setLatency(o.latencyMs);
  // Quiet long enough that a call still waiting on the emulator's latency is not missed.
  const quietMs = Math.max(40, 3 * o.latencyMs);
  const times: number[] = [];
  const timelines: TimelineEntry[][] = [];
  let botCpuMs = 0;
  const calls: number[] = [];
  const otherReplies: string[] = [];
  for (let n = 0; n < o.warmUp + o.commands; n++) {
    progress.update(`reply time at ${o.latencyMs} ms per call: ${n + 1}/${o.warmUp + o.commands}`);
    const i = n % KNOWN_AGENTS;
    const cpuBefore = ctx.bot.cpuMs();
    const answer = await askAndSettle(world, world.agents[i], lookupCommand(world.targets[i]), { quietMs, timeoutMs: TIMEOUT_MS });
    const kind = replyKind(answer.reply);
    if (kind !== 'numbers' || answer.replies !== 1) otherReplies.push(`${kind} (${answer.replies} replies)`);
    // The first few warm up the JIT and connection pools; they are not what an agent usually sees.
    if (n < o.warmUp) continue;
    botCpuMs += ctx.bot.cpuMs() - cpuBefore;
    times.push(answer.replyMs);
    timelines.push(answer.timeline);
    calls.push(answer.calls.length);
  }
  world.emulator.setLatency(0);
  const medianMs = median(times);
  return {
    latencyMs: o.latencyMs,
    commands: times.length,
    medianMs: round(medianMs),
    p90Ms: round(percentile(times, 90)),
    maxMs: round(max(times)),
    medianCalls: median(calls),
    botCpuMsPerCommand: round(botCpuMs / times.length),
    otherReplies,
    medianTimeline: timelines[times.indexOf(medianMs)] ?? [],
  };
}
