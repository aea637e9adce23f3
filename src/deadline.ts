// Waiting for work, but not past a deadline: shared by the command runner (the agent hears back in
// time) and the edit use case (a write is told even when what follows it is slow).

/** `work`'s result, or `missed` once `deadline` (epoch ms) has passed; `work` keeps running either way. */
export async function byDeadline<T>(work: Promise<T>, deadline: number, missed: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(missed), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
