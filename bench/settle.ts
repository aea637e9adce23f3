// Waits until the bot and the emulator have gone quiet, so calls are attributed to the command that caused them.
import type { Emulator } from '../sandbox/emulator';
import { sleep } from './bot-process';

const POLL_MS = 5;

/** Resolves once no webhook delivery is pending and no Webex call has completed for `quietMs`. */
export async function settle(emulator: Emulator, quietMs: number): Promise<void> {
  let seen = emulator.requests.length;
  let quietSince = Date.now();
  for (;;) {
    await emulator.deliveriesSettled();
    await sleep(POLL_MS);
    if (emulator.requests.length !== seen) {
      seen = emulator.requests.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
}
