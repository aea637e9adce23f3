// Lets tests wait for the bot's replies without polling: resolves once enough bot messages exist.
import type { WebexMessage } from '../../src/webex/types';

export interface WaitForBotMessages {
  roomId?: string;
  count: number;
  timeoutMs?: number;
  /** Skip this many of the matching bot messages (e.g. botMessages(roomId).length taken before acting). */
  after?: number;
}

interface Waiter {
  check(): boolean;
  cancel(reason: Error): void;
}

export class BotMessageWaiter {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly botMessages: (roomId?: string) => WebexMessage[]) {}

  /** Call after every stored message. */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  wait({ roomId, count, timeoutMs = 5000, after = 0 }: WaitForBotMessages): Promise<WebexMessage[]> {
    return new Promise((resolve, reject) => {
      const found = () => this.botMessages(roomId).slice(after);
      const waiter: Waiter = {
        check: () => {
          const messages = found();
          if (messages.length < count) return false;
          done();
          resolve(messages.slice(0, count));
          return true;
        },
        cancel: (reason) => {
          done();
          reject(reason);
        },
      };
      const timer = setTimeout(() => {
        const texts = found().map((m) => JSON.stringify(m.markdown ?? m.text ?? ''));
        waiter.cancel(new Error(`Expected ${count} bot message(s) after ${after}, got ${texts.length} within ${timeoutMs} ms: [${texts.join(', ')}]`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  close(): void {
    for (const waiter of [...this.waiters]) waiter.cancel(new Error('emulator closed'));
  }
}
