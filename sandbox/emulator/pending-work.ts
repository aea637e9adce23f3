// Delays and hung responses the emulator owns, so close() can cancel them and leave no open handles.
import type { Response } from 'express';

export class PendingWork {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hung = new Set<Response>();

  /** Resolves after `ms`; never resolves if close() comes first (the request is being torn down anyway). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Keeps the response open without answering until the client gives up or close() runs. */
  hang(res: Response): void {
    this.hung.add(res);
    res.once('close', () => this.hung.delete(res));
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }
}
