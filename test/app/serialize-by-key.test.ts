import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../src/app/serialize-by-key.ts';

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
