// Deliveries for the same pull request are handled one after another inside a process: two
// webhooks for one PR arriving together would otherwise both find no sticky comment or check run
// and both create one (X3). Different pull requests still run in parallel. Deliveries that wait
// for the same gate are served together: every recompute reads the whole gate from GitHub, so one
// run after the running one answers all of them (a burst of comments costs two recomputes, not 300).

export type KeyedQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * Runs `run` once for every input that joined the batch of `batch` while it waited behind the
 * queue's work on `key`; each caller gets that one run's result (or failure).
 */
export type Coalesce = <I, T>(
  key: string,
  batch: string,
  input: I,
  run: (inputs: readonly I[]) => Promise<T>,
) => Promise<T>;

/** Runs tasks with the same key one at a time, in arrival order; a failure does not block the next. */
export function createKeyedQueue(): KeyedQueue {
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

/**
 * Batches on top of a keyed queue: an input joins the batch of its name that has not started yet,
 * or opens a new one at the end of the key's queue. A batch closes when its run starts, so an input
 * that arrives while it runs waits for the next one (which reads what that input changed).
 */
export function createCoalescer(serialize: KeyedQueue): Coalesce {
  const waiting = new Map<string, { inputs: unknown[]; result?: Promise<unknown> }>();
  return <I, T>(key: string, batch: string, input: I, run: (inputs: readonly I[]) => Promise<T>) => {
    const open = waiting.get(batch);
    if (open?.result !== undefined) {
      open.inputs.push(input);
      return open.result as Promise<T>;
    }
    const entry: { inputs: I[]; result?: Promise<T> } = { inputs: [input] };
    // Open before queueing: a queue that starts the task at once closes the batch at once too.
    waiting.set(batch, entry);
    const result = serialize(key, () => {
      if (waiting.get(batch) === entry) waiting.delete(batch);
      return run(entry.inputs);
    });
    entry.result = result;
    return result;
  };
}
