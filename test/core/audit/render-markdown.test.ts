import { describe, expect, it } from 'vitest';
import { createAuditReport, renderAuditMarkdown } from '../../../src/core/audit/index.ts';
import { aLog, aRecord, minutesAfter, people } from './audit-log.ts';
import { aSmallReport, HOSTILE } from './sample-report.ts';

describe('the Markdown report', () => {
  it('answers first, then shows the tables', () => {
    expect(renderAuditMarkdown(aSmallReport())).toMatchInlineSnapshot(`
      "# Gatehouse audit

      - **Decisions:** 2 decisions: 1 approved, 1 rejected.
      - **Integrity:** **1 integrity finding over all 3 files read, whatever the filters**.
      - **Check runs:** not compared with check runs (needs --repo with --ref or --pr).
      - **Provenance:** not checked (no --app SLUG): anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG.
      - **Rubber stamps:** 1 approval faster than the request could be read.
      - **Filters:** --since \`2026-03-01T00:00:00.000Z\`.
      - **Source:** \`gatehouse-log@1a2b3c4d5e6f:decisions in /src/shop\`, audited at 2026-04-01T08:00:00Z.

      ## Integrity

      Checked over every record read, whatever the filters.

      | finding | file | message |
      | --- | --- | --- |
      | malformed | \`decisions/2026/03/notes.md\` | not a readable decision record: expected the file to start with a \\\`\\-\\-\\-\\\` line \\(YAML front matter\\) |

      - \`malformed\`: a file on the log branch that is not a valid decision record; the other records still count.

      ## Executions

      ### What ran, and what was approved and never ran

      Nothing is recorded as run in this log: the App records merges of gated pull requests, completed deployments of gated environments and agents' reports of approved requests from this version on (the Action and the CLI do not), so neither question is answered here.

      ## Calibration

      ### Approval latency by rule

      From the request to the decision, for decisions a person made (approved, delayed, rejected, changes requested). Rubber stamps are counted over the approvals of approve-tier gates.

      | rule | decisions | timed | median | p90 | approvals | rubber stamps |
      | --- | --- | --- | --- | --- | --- | --- |
      | \`gatehouse-config\` | 1 | 1 | 45m | 45m | 0 | 0 |
      | \`migrations\` | 1 | 1 | 1m30s | 1m30s | 1 | 1 |

      ### Approval latency by environment

      | environment | decisions | timed | median | p90 |
      | --- | --- | --- | --- | --- |
      | \`production\` | 1 | 1 | 1m30s | 1m30s |
      | (none: pull request or request gates) | 1 | 1 | 45m | 45m |

      ### Rubber stamps

      Approvals given sooner after the request than max(1m, 20s per changed file): faster than a person could have read it.

      | approver | approved at | after | threshold | changed files | rules | record |
      | --- | --- | --- | --- | --- | --- | --- |
      | \`alice\` | 2026-03-02T10:01:30Z | 1m30s | 4m | 12 | \`migrations\` | \`e0a14db64a5fde1a7e8a3937\` |

      ### Always approved

      None.

      ### Often expired, escalated or bypassed

      None.

      ### First-time and routine decisions

      First-time: a rule or the kind of the decision had not passed before in this repository (by the whole log, as precedent is computed).

      | precedent | decisions | timed | median | p90 | rejected or sent back | rubber stamps |
      | --- | --- | --- | --- | --- | --- | --- |
      | first time | 2 | 2 | 23m15s | 45m | 1 | 1 |
      | routine | 0 | 0 | – | – | 0 | 0 |

      ### By reviewer

      Latency here is from the request to that person’s own approval, rejection or request for changes.

      | reviewer | id | approvals | rejections | changes requested | median | p90 | rubber stamps |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | \`alice\` | 1 | 1 | 0 | 0 | 1m30s | 1m30s | 1 |
      | \`carol\` | 3 | 0 | 1 | 0 | 45m | 45m | 0 |

      ### Decisions over time

      Per ISO week (Monday to Sunday, UTC).

      | week | from | total | approved | rejected |
      | --- | --- | --- | --- | --- |
      | 2026-W10 | 2026-03-02 | 1 | 1 | 0 |
      | 2026-W11 | 2026-03-09 | 1 | 0 | 1 |

      ## Decisions

      | decided at | decision | gate | commit | PR | rules | decided by | latency | action | reason | id |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | 2026-03-02T10:01:30Z | approved | \`gatehouse: production\` | \`c0ffee000000\` | #7 | \`migrations\` | \`alice\` | 1m30s | Add an index on orders.created\\_at | – | \`e0a14db64a5fde1a7e8a3937\` |
      | 2026-03-10T09:45:00Z | rejected | \`gatehouse\` | \`c0ffee000000\` | #8 | \`gatehouse-config\` | \`carol\` (rejected) | 45m | Relax the production rule | collides with the nightly export \\| see \\#​12 | \`cd158f49aaf8bc21ad2ee629\` |
      "
    `);
  });

  it('escapes what the log says', () => {
    const text = renderAuditMarkdown(aSmallReport({ hostile: true }));
    // The hostile login is a name: shown in code spans, where Markdown renders it as text.
    expect(text.split(HOSTILE).length - 1).toBe(text.split(`\`${HOSTILE}\``).length - 1);
    expect(text.split(`\`${HOSTILE}\``).length - 1).toBe(3);
    expect(text).not.toMatch(/(^|[^`\u200B])@everyone/m);
    expect(text).toContain('&lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\| @\u200Beveryone \\-2\\+3');
    // Every table row still has its eleven cells: no `|` from the log split one.
    const rows = text.split('\n').filter((line) => /^\| \d{4}-\d\d-\d\dT/.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(11);
  });
});

describe('the Markdown report of a long log', () => {
  // 1,001 approvals, each 10 s after its request: every one a rubber stamp.
  const records = Array.from({ length: 1_001 }, (_, index) => {
    const start = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
    return aRecord({
      decision: 'approved',
      rules: ['docs'],
      requestedAt: start,
      decidedAt: minutesAfter(start, 1 / 6),
      approvers: [[people.bob, minutesAfter(start, 1 / 6)]],
    });
  });
  const text = renderAuditMarkdown(
    createAuditReport(aLog(...records), { filters: {}, now: '2026-04-01T00:00:00Z', source: 'test' }),
  );

  it('fits a job summary: the newest thousand decisions, the rest counted', () => {
    expect(text.length).toBeLessThan(1024 * 1024);
    expect(text).toContain('## Decisions\n\nThe newest 1,000 decisions of 1,001.\n');
    const decisionRows = text.split('\n').filter((line) => /^\| \d{4}-\d\d-\d\dT/.test(line));
    expect(decisionRows).toHaveLength(1_000);
    expect(decisionRows[0]).toContain(`\`${records[1]?.id}\``);
    expect(text).toContain('… and 801 more rows: use --format json or csv for all.');
  });

  it('suggests what to do about a rule that is always approved', () => {
    const section = text.slice(text.indexOf('### Always approved'), text.indexOf('### Often'));
    expect(section).toMatchInlineSnapshot(`
      "### Always approved

      Rules with at least 5 decisions that all passed as asked (none rejected, sent back, expired or escalated).

      | rule | decisions | approved | auto-approved | level | suggestion |
      | --- | --- | --- | --- | --- | --- |
      | \`docs\` | 1001 | 1001 | 0 | approve | all 1001 decisions passed as asked, none rejected or sent back; 1001 approvals came faster than the request could be read: lower its level to review or acknowledge, or its tier to notify |

      "
    `);
  });
});

describe('the Markdown report of gates left to expire', () => {
  it('names the rule and what to look at', () => {
    const records = [1, 2, 3].map((minutes) =>
      aRecord({
        decision: 'expired',
        rules: ['nightly | batch'],
        requestedAt: '2026-03-02T10:00:00Z',
        decidedAt: minutesAfter('2026-03-02T10:00:00Z', minutes * 60),
      }),
    );
    const text = renderAuditMarkdown(
      createAuditReport(aLog(...records), { filters: {}, now: '2026-04-01T00:00:00Z', source: 'test' }),
    );
    const section = text.slice(text.indexOf('### Often'), text.indexOf('### First-time'));
    expect(section).toMatchInlineSnapshot(`
      "### Often expired, escalated or bypassed

      Rules where at least 25% of the decisions (and at least 3) expired, escalated, proceeded on timeout or were waived.

      | rule | decisions | expired | escalated | proceeded on timeout | waived | share | suggestion |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | \`nightly \\| batch\` | 3 | 3 | 0 | 0 | 0 | 100% | its requests often go unanswered: check that its reviewers and escalate_to reach people who can decide, and that its timeout fits how fast they answer |

      "
    `);
  });
});
