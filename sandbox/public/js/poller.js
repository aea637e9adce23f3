// Runs a task every intervalMs, one run at a time. now() starts it, or runs it again as soon as the current run ends.
export function createPoller(task, intervalMs) {
  let timer;
  let running = false;
  let runAgainSoon = false;

  async function run() {
    timer = undefined;
    if (running) {
      runAgainSoon = true;
      return;
    }
    running = true;
    try {
      await task();
    } catch (err) {
      console.warn('Poll failed', err);
    } finally {
      running = false;
      timer = setTimeout(run, runAgainSoon ? 0 : intervalMs);
      runAgainSoon = false;
    }
  }

  return {
    now() {
      if (timer !== undefined) clearTimeout(timer);
      void run();
    },
  };
}
