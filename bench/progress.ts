// One progress line on stderr while the bench runs: rewritten in place on a terminal, throttled lines otherwise.

export interface Progress {
  /** Starts a new stage: always shown. */
  step(text: string): void;
  /** Replaces the current line (shown every few seconds when not on a terminal). */
  update(text: string): void;
  /** Ends the current line so the next output starts clean. */
  done(): void;
}

const NON_TTY_INTERVAL_MS = 2_000;

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastWrite = 0;
  let open = false;
  const stamp = () => `[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s]`;
  const progress: Progress = {
    step(text) {
      lastWrite = 0;
      progress.update(text);
    },
    update(text) {
      if (stream.isTTY) {
        const line = `${stamp()} ${text}`.slice(0, Math.max(20, (stream.columns ?? 100) - 1));
        stream.write(`\r\x1b[2K${line}`);
        open = true;
        return;
      }
      // Logs and CI: a line every few seconds is enough to show the bench is alive.
      if (Date.now() - lastWrite < NON_TTY_INTERVAL_MS) return;
      lastWrite = Date.now();
      stream.write(`${stamp()} ${text}\n`);
    },
    done() {
      if (open) stream.write('\n');
      open = false;
      lastWrite = 0;
    },
  };
  return progress;
}
