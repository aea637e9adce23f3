// At most N tasks at once; the rest wait their turn in order. Each Webex call also passes the
// shared rate gate: this only keeps one command from filling it.

export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a whole number of at least 1 (got ${max})`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** `fn` over `items` with at most `max` at once; results in the order of `items`. */
export function mapInOrder<T, R>(items: readonly T[], max: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = new ConcurrencyLimit(max);
  return Promise.all(items.map((item, index) => limit.run(() => fn(item, index))));
}
