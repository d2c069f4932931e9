import { describe, expect, it } from 'vitest';
import { DeliveryRejectedError, parseDelivery } from '../../src/app/delivery.ts';
import { examplePayload } from './payloads.ts';

const bodies = {
  pull_request: examplePayload('pull_request', 'opened'),
  issue_comment: examplePayload('issue_comment', 'created', { issue: { pull_request: { url: 'x' } } }),
  pull_request_review: examplePayload('pull_request_review', 'submitted'),
  check_run: examplePayload('check_run', 'rerequested'),
  push: examplePayload('push', undefined, { ref: 'refs/heads/main' }),
  installation: examplePayload('installation', 'created'),
};

describe('a webhook delivery', () => {
  describe.each(Object.entries(bodies))('with a %s body', (event, body) => {
    it('is accepted under its own event name', () => {
      expect(parseDelivery(event, body)?.name).toBe(event);
    });

    const others = Object.keys(bodies).filter((other) => other !== event);
    it.each(others)('is refused under the event name %s (W8)', (other) => {
      expect(() => parseDelivery(other, body)).toThrow(DeliveryRejectedError);
    });
  });

  it('of an event Gatehouse does not handle is passed over, not refused', () => {
    expect(parseDelivery('ping', { zen: 'Keep it logically awesome.' })).toBeUndefined();
    expect(parseDelivery('check_suite', bodies.pull_request)).toBeUndefined();
  });

  it('names the fields that do not fit, and is answered 400', () => {
    let caught: unknown;
    try {
      parseDelivery('issue_comment', bodies.pull_request);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeliveryRejectedError);
    expect((caught as DeliveryRejectedError).status).toBe(400);
    expect((caught as Error).message).toBe(
      'the body of this "issue_comment" delivery does not fit that event: issue: Invalid input: expected object, received undefined; comment: Invalid input: expected object, received undefined',
    );
  });

  it('without an installation is refused: an App always receives one', () => {
    const { installation: _, ...body } = bodies.pull_request;
    expect(() => parseDelivery('pull_request', body)).toThrow(/installation/);
  });

  it('that is not a JSON object is refused', () => {
    expect(() => parseDelivery('push', 'refs/heads/main')).toThrow('(body): Invalid input');
  });
});
