// Deliveries for the same pull request are handled one after another inside a process: two
// webhooks for one PR arriving together would otherwise both find no sticky comment or check run
// and both create one (X3). Different pull requests still run in parallel.

/** Runs tasks with the same key one at a time, in arrival order; a failure does not block the next. */
export function createKeyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    // Forget the key once its last task is done, so the map does not grow with every PR seen.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
