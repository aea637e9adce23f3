// Counts the bot's posted messages as the emulator logs them, so thousands of commands can be paced without
// scanning the emulator's ever-growing message list for each one.

interface EmulatorCallLine {
  msg?: unknown;
  role?: unknown;
  route?: unknown;
  status?: unknown;
}

export class ReplyCounter {
  /** Messages the bot has posted successfully so far. */
  count = 0;
  private waiters: Array<() => void> = [];

  /** Pass as the emulator's `logger` option. */
  readonly onEmulatorLog = (line: object): void => {
    const call = line as EmulatorCallLine;
    if (call.msg !== 'webex emulator call' || call.role !== 'bot' || call.route !== 'messages.create' || call.status !== 200) return;
    this.count++;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  };

  /** Resolves at the next reply; rejects when none comes within `timeoutMs`. */
  next(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`no reply from the bot within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(wake);
    });
  }

  /** Resolves once `count` reaches `target`. */
  async reach(target: number, timeoutMs: number): Promise<void> {
    while (this.count < target) await this.next(timeoutMs);
  }
}
