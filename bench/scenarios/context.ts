// What every scenario gets, and what it hands back.
import type { BotProcess } from '../bot-process';
import type { Figure } from '../figures';
import type { Progress } from '../progress';
import type { World } from '../world';

export interface ScenarioContext {
  world: World;
  bot: BotProcess;
  progress: Progress;
}

export interface ScenarioResult<Details> {
  figures: Figure[];
  /** Everything measured, for results.json. */
  details: Details;
}

/** Latency 0, no rate limit, empty request log: each scenario starts from the same conditions. */
export function resetConditions(ctx: ScenarioContext): void {
  const { emulator } = ctx.world;
  emulator.faults.clear();
  emulator.setLatency(0);
  emulator.setRateLimit(null);
  emulator.clearRequests();
}
