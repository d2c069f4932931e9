import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/action/summary.ts';
import { createExplicitRequest } from '../../src/core/request.ts';

describe('the job summary', () => {
  it('shows the request and the decision, with user text made inert', () => {
    const request = createExplicitRequest({
      repository: 'acme/shop',
      sha: 'c0ffee0000000000000000000000000000000001',
      environment: 'production',
      kind: 'data-cleanup',
      title: 'Delete rows <img src=x> @everyone',
      options: ['delete now', 'skip'],
      requester: { id: 1, login: 'agent', type: 'User' },
    });
    expect(
      renderSummary({
        mode: 'request',
        decision: 'approved',
        tier: 'approve',
        approvers: ['alice'],
        option: 'delete now',
        reason: 'a | b\nc',
        requestUrl: 'https://github.com/acme/shop/issues/12',
        request,
        notes: ['wait: done'],
      }),
    ).toMatchInlineSnapshot(`
      "### Gatehouse: approved (request)

      **Request** — Delete rows &lt;img src\\=x&gt; @​everyone (request to production, \`c0ffee000000\`)

      - \`a\` delete now
      - \`b\` skip

      | | |
      |---|---|
      | Decision | approved |
      | Tier | approve |
      | Approvers | @​alice |
      | Option | delete now |
      | Reason | a \\| b c |
      | Approval request | https://github.com/acme/shop/issues/12 |

      > wait: done
      "
    `);
  });

  it('says when there is no decision', () => {
    expect(renderSummary({ mode: 'sweep', approvers: [], notes: [] })).toContain(
      '### Gatehouse: no decision (sweep)',
    );
  });
});
