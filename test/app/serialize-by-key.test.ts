import { describe, expect, it } from 'vitest';
import { createCoalescer, createKeyedQueue } from '../../src/app/serialize-by-key.ts';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('handling deliveries one pull request at a time', () => {
  it('runs tasks for the same pull request one after another, in arrival order', async () => {
    const queue = createKeyedQueue();
    const order: string[] = [];
    const first = deferred();
    const a = queue('acme/shop#7', async () => {
      order.push('a starts');
      await first.promise;
      order.push('a ends');
    });
    const b = queue('acme/shop#7', async () => {
      order.push('b starts');
    });
    await Promise.resolve();
    expect(order).toEqual(['a starts']);
    first.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('runs tasks for different pull requests side by side', async () => {
    const queue = createKeyedQueue();
    const blocker = deferred();
    const order: string[] = [];
    const a = queue('acme/shop#7', async () => {
      await blocker.promise;
      order.push('#7');
    });
    await queue('acme/shop#8', async () => {
      order.push('#8');
    });
    expect(order).toEqual(['#8']);
    blocker.resolve();
    await a;
  });

  it('runs the next task after a failure and still reports the failure to its caller', async () => {
    const queue = createKeyedQueue();
    const failing = queue('k', async () => {
      throw new Error('GitHub answered 502');
    });
    const next = queue('k', async () => 'done');
    await expect(failing).rejects.toThrow('GitHub answered 502');
    await expect(next).resolves.toBe('done');
  });
});

describe('serving the deliveries that wait for one gate with one recompute', () => {
  /** A gate whose runs the test finishes by hand; each run records the inputs it served. */
  function aGate() {
    const queue = createKeyedQueue();
    const coalesce = createCoalescer(queue);
    const runs: { inputs: readonly string[]; finish: () => void }[] = [];
    const deliver = (input: string, batch = 'acme/shop#7') =>
      coalesce('acme/shop#7', batch, input, (inputs) => {
        const release = deferred();
        runs.push({ inputs, finish: release.resolve });
        return release.promise.then(() => `run ${runs.length} for ${inputs.join('+')}`);
      });
    return { queue, runs, deliver };
  }

  it('runs everything that arrived while a recompute ran in ONE next recompute, after it', async () => {
    const { runs, deliver } = aGate();
    const first = deliver('a');
    await Promise.resolve();
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a']]);
    const waiting = ['b', 'c', 'd', 'e'].map((input) => deliver(input));
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await expect(first).resolves.toBe('run 1 for a');
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    runs[1]?.finish();
    // Every delivery of the batch gets the one run's answer.
    expect(await Promise.all(waiting)).toEqual(Array(4).fill('run 2 for b+c+d+e'));
  });

  it('a delivery that arrives while the batch runs waits for the next one (it may change what was read)', async () => {
    const { runs, deliver } = aGate();
    const first = deliver('a');
    await Promise.resolve();
    await Promise.resolve();
    const second = deliver('b');
    runs[0]?.finish();
    await first;
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a'], ['b']]);
    const third = deliver('c');
    runs[1]?.finish();
    await second;
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a'], ['b'], ['c']]);
    runs[2]?.finish();
    await expect(third).resolves.toBe('run 3 for c');
  });

  it('keeps batches of another gate of the same pull request (a deployment) apart, one after another', async () => {
    const { runs, deliver } = aGate();
    const first = deliver('a');
    await Promise.resolve();
    await Promise.resolve();
    const own = deliver('b');
    const deployment = deliver('x', 'acme/shop#7 production');
    const ownAgain = deliver('c');
    runs[0]?.finish();
    await first;
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a'], ['b', 'c']]);
    runs[1]?.finish();
    await Promise.all([own, ownAgain]);
    await Promise.resolve();
    expect(runs.map((run) => run.inputs)).toEqual([['a'], ['b', 'c'], ['x']]);
    runs[2]?.finish();
    await expect(deployment).resolves.toBe('run 3 for x');
  });

  it('a failed recompute fails every delivery it served, and the next batch still runs', async () => {
    const queue = createKeyedQueue();
    const coalesce = createCoalescer(queue);
    const blocker = deferred();
    const running = coalesce('k', 'k', 'a', () => blocker.promise);
    await Promise.resolve();
    await Promise.resolve();
    const failing = ['b', 'c'].map((input) =>
      coalesce('k', 'k', input, async () => {
        throw new Error('GitHub answered 502');
      }),
    );
    blocker.resolve();
    await running;
    for (const delivery of failing) await expect(delivery).rejects.toThrow('GitHub answered 502');
    await expect(coalesce('k', 'k', 'd', async (inputs) => inputs.join())).resolves.toBe('d');
  });

  it('over a queue that starts work at once, every input runs on its own', async () => {
    const coalesce = createCoalescer((_key, task) => task());
    const runs: (readonly string[])[] = [];
    const serve = (input: string) =>
      coalesce('k', 'k', input, async (inputs) => {
        runs.push(inputs);
      });
    await Promise.all([serve('a'), serve('b')]);
    expect(runs).toEqual([['a'], ['b']]);
  });
});
