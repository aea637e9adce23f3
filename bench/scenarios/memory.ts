// Resident memory of the bot process after 100 look-ups and after 10,000: caches are bounded, so it
// should level off rather than grow with every command.
import { replyKind } from '../ask';
import { figure } from '../figures';
import { round } from '../stats';
import { settle } from '../settle';
import { lookupCommand } from '../world';
import { resetConditions, type ScenarioContext, type ScenarioResult } from './context';

const EARLY = 100;
const TOTAL = 10_000;
const CONCURRENCY = 16;
const REPLY_TIMEOUT_MS = 30_000;
const QUIET_MS = 300;
const MB = 1024 * 1024;

export interface MemoryDetails {
  lookups: number;
  concurrency: number;
  distinctTargets: number;
  rssAfterEarlyMb: number;
  rssAfterAllMb: number;
  growthMb: number;
  lookupsPerSecond: number;
  /** CPU time per look-up over look-ups 101 to 10,000: the bot process, and the bench process (the emulator). */
  botCpuMsPerLookup: number;
  benchCpuMsPerLookup: number;
  /** Spaces whose reply count differs from the commands sent there. */
  roomsNotAnsweredOnce: number;
  replyKinds: Record<string, number>;
}

export async function measureMemory(ctx: ScenarioContext): Promise<ScenarioResult<MemoryDetails>> {
  resetConditions(ctx);
  const { world, bot, progress } = ctx;
  const { emulator, agents, targets } = world;
  const before = agents.map((a) => emulator.botMessages(a.roomId).length);
  const sentTo = agents.map(() => 0);
  const repliesBefore = world.replies.count;
  let sent = 0;

  // Paced by the total number of replies: at most CONCURRENCY commands are waiting at any time.
  const runUntil = async (count: number) => {
    while (sent < count) {
      while (sent - (world.replies.count - repliesBefore) >= CONCURRENCY) await world.replies.next(REPLY_TIMEOUT_MS);
      const i = sent % agents.length;
      const target = targets[sent % targets.length];
      sentTo[i]++;
      sent++;
      void emulator.say({ from: agents[i].email, roomId: agents[i].roomId, text: lookupCommand(target) });
      if (sent % 100 === 0) progress.update(`memory: ${sent}/${TOTAL} look-ups sent`);
      // Keeps the emulator's request log from growing without bound in the bench process.
      if (emulator.requests.length > 5_000) emulator.clearRequests();
    }
    await world.replies.reach(repliesBefore + count, REPLY_TIMEOUT_MS);
    await settle(emulator, QUIET_MS);
  };

  progress.step(`memory: ${EARLY} look-ups`);
  await runUntil(EARLY);
  const rssAfterEarly = bot.rssBytes();
  const startedAt = Date.now();
  const botCpuBefore = bot.cpuMs();
  const benchCpuBefore = process.cpuUsage();
  await runUntil(TOTAL);
  const elapsedS = (Date.now() - startedAt) / 1000;
  const botCpuMs = bot.cpuMs() - botCpuBefore;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const rssAfterAll = bot.rssBytes();

  let roomsNotAnsweredOnce = 0;
  const replyKinds: Record<string, number> = {};
  for (const [i, agent] of agents.entries()) {
    const replies = emulator.botMessages(agent.roomId).slice(before[i]);
    if (replies.length !== sentTo[i]) roomsNotAnsweredOnce++;
    for (const reply of replies) replyKinds[replyKind(reply)] = (replyKinds[replyKind(reply)] ?? 0) + 1;
  }
  const details: MemoryDetails = {
    lookups: TOTAL,
    concurrency: CONCURRENCY,
    distinctTargets: Math.min(TOTAL, targets.length),
    rssAfterEarlyMb: round(rssAfterEarly / MB),
    rssAfterAllMb: round(rssAfterAll / MB),
    growthMb: round((rssAfterAll - rssAfterEarly) / MB),
    lookupsPerSecond: round((TOTAL - EARLY) / elapsedS),
    botCpuMsPerLookup: round(botCpuMs / (TOTAL - EARLY), 2),
    benchCpuMsPerLookup: round((benchCpu.user + benchCpu.system) / 1000 / (TOTAL - EARLY), 2),
    roomsNotAnsweredOnce,
    replyKinds,
  };
  return {
    figures: [figure(`Memory growth, RSS after ${TOTAL.toLocaleString('en-US')} vs ${EARLY} look-ups`, details.growthMb, 'MB', 'atMost', 30)],
    details,
  };
}
