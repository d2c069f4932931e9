import { describe, expect, it } from 'vitest';
import { renderAuditJson } from '../../../src/core/audit/index.ts';
import { aSmallReport } from './sample-report.ts';

describe('the JSON report', () => {
  it('is the documented shape, pretty, with a trailing newline', () => {
    expect(renderAuditJson(aSmallReport())).toMatchInlineSnapshot(`
      "{
        "version": 1,
        "source": "gatehouse-log@1a2b3c4d5e6f:decisions in /src/shop",
        "generatedAt": "2026-04-01T08:00:00Z",
        "filters": {
          "since": "2026-03-01T00:00:00.000Z"
        },
        "integrity": {
          "scope": "all_records",
          "files": 3,
          "crossCheck": null,
          "provenance": {
            "checked": false,
            "why": "not checked (no --app SLUG): anchors (each record against its check run) and GitHub's verification of the App's log commits are checked only through the API, with --repo OWNER/NAME --app SLUG"
          }
        },
        "totals": {
          "records": 2,
          "shown": 2,
          "malformed": 1,
          "findings": 1,
          "byDecision": {
            "pending": 0,
            "approved": 1,
            "rejected": 1,
            "expired": 0,
            "auto_approved": 0,
            "notified": 0,
            "delayed": 0,
            "changes_requested": 0,
            "escalated": 0
          }
        },
        "records": [
          {
            "id": "e0a14db64a5fde1a7e8a3937",
            "path": "decisions/2026/03/e0a14db64a5fde1a7e8a3937.md",
            "commit": null,
            "decided_at": "2026-03-02T10:01:30Z",
            "requested_at": "2026-03-02T10:00:00Z",
            "decision": "approved",
            "gate": "gatehouse: production",
            "gate_kind": "deployment",
            "environment": "production",
            "repository": "acme/shop",
            "sha": "c0ffee0000000000000000000000000000000001",
            "pull_request": 7,
            "action": "Add an index on orders.created_at",
            "kind": null,
            "missing": [
              "context",
              "risk_assessment"
            ],
            "tier": "approve",
            "level": "approve",
            "rules": [
              "migrations"
            ],
            "schema": 2,
            "approvers": [
              {
                "login": "alice",
                "id": 1,
                "at": "2026-03-02T10:01:30Z",
                "via": "comment",
                "note": null
              }
            ],
            "rejected_by": null,
            "modified_by": null,
            "latency_seconds": 90,
            "changed_files": 12,
            "reason": null,
            "option": null,
            "links": {
              "check_run": null,
              "comment": null,
              "pull_request": null,
              "workflow_run": null
            },
            "on_behalf_of": null,
            "agent": null,
            "precedent": "first_time",
            "findings": []
          },
          {
            "id": "cd158f49aaf8bc21ad2ee629",
            "path": "decisions/2026/03/cd158f49aaf8bc21ad2ee629.md",
            "commit": null,
            "decided_at": "2026-03-10T09:45:00Z",
            "requested_at": "2026-03-10T09:00:00Z",
            "decision": "rejected",
            "gate": "gatehouse",
            "gate_kind": "pull_request",
            "environment": null,
            "repository": "acme/shop",
            "sha": "c0ffee0000000000000000000000000000000002",
            "pull_request": 8,
            "action": "Relax the production rule",
            "kind": null,
            "missing": [
              "context",
              "risk_assessment"
            ],
            "tier": "approve",
            "level": "approve",
            "rules": [
              "gatehouse-config"
            ],
            "schema": 2,
            "approvers": [],
            "rejected_by": {
              "login": "carol",
              "id": 3
            },
            "modified_by": null,
            "latency_seconds": 2700,
            "changed_files": 3,
            "reason": "collides with the nightly export | see #12",
            "option": null,
            "links": {
              "check_run": null,
              "comment": null,
              "pull_request": null,
              "workflow_run": null
            },
            "on_behalf_of": null,
            "agent": null,
            "precedent": "first_time",
            "findings": []
          }
        ],
        "findings": [
          {
            "code": "malformed",
            "path": "decisions/2026/03/notes.md",
            "id": null,
            "checkRunId": null,
            "message": "not a readable decision record: expected the file to start with a \`---\` line (YAML front matter)"
          }
        ],
        "executions": {
          "records": 0,
          "byType": {
            "merge": 0,
            "deployment": 0,
            "request": 0
          },
          "ranWithoutApproval": [],
          "approvedNeverRan": []
        },
        "calibration": {
          "thresholds": {
            "rubberStamp": {
              "secondsPerFile": 20,
              "minimumSeconds": 60
            },
            "alwaysApprovedMinimum": 5,
            "frequentShare": 0.25,
            "frequentMinimum": 3
          },
          "latency": {
            "byRule": [
              {
                "rule": "gatehouse-config",
                "decisions": 1,
                "count": 1,
                "medianSeconds": 2700,
                "p90Seconds": 2700,
                "approvals": 0,
                "rubberStamps": 0
              },
              {
                "rule": "migrations",
                "decisions": 1,
                "count": 1,
                "medianSeconds": 90,
                "p90Seconds": 90,
                "approvals": 1,
                "rubberStamps": 1
              }
            ],
            "byEnvironment": [
              {
                "environment": "production",
                "decisions": 1,
                "count": 1,
                "medianSeconds": 90,
                "p90Seconds": 90
              },
              {
                "environment": null,
                "decisions": 1,
                "count": 1,
                "medianSeconds": 2700,
                "p90Seconds": 2700
              }
            ]
          },
          "rubberStamps": [
            {
              "id": "e0a14db64a5fde1a7e8a3937",
              "path": "decisions/2026/03/e0a14db64a5fde1a7e8a3937.md",
              "login": "alice",
              "userId": 1,
              "at": "2026-03-02T10:01:30Z",
              "seconds": 90,
              "thresholdSeconds": 240,
              "changedFiles": 12,
              "rules": [
                "migrations"
              ],
              "environment": "production"
            }
          ],
          "alwaysApproved": [],
          "frequentlyBypassed": [],
          "firstTime": {
            "decisions": 2,
            "count": 2,
            "medianSeconds": 1395,
            "p90Seconds": 2700,
            "rejected": 1,
            "rubberStamps": 1
          },
          "routine": {
            "decisions": 0,
            "count": 0,
            "medianSeconds": null,
            "p90Seconds": null,
            "rejected": 0,
            "rubberStamps": 0
          },
          "overTime": [
            {
              "week": "2026-W10",
              "start": "2026-03-02",
              "total": 1,
              "byDecision": {
                "pending": 0,
                "approved": 1,
                "rejected": 0,
                "expired": 0,
                "auto_approved": 0,
                "notified": 0,
                "delayed": 0,
                "changes_requested": 0,
                "escalated": 0
              }
            },
            {
              "week": "2026-W11",
              "start": "2026-03-09",
              "total": 1,
              "byDecision": {
                "pending": 0,
                "approved": 0,
                "rejected": 1,
                "expired": 0,
                "auto_approved": 0,
                "notified": 0,
                "delayed": 0,
                "changes_requested": 0,
                "escalated": 0
              }
            }
          ],
          "byReviewer": [
            {
              "login": "alice",
              "id": 1,
              "approvals": 1,
              "rejections": 0,
              "changesRequested": 0,
              "count": 1,
              "medianSeconds": 90,
              "p90Seconds": 90,
              "rubberStamps": 1
            },
            {
              "login": "carol",
              "id": 3,
              "approvals": 0,
              "rejections": 1,
              "changesRequested": 0,
              "count": 1,
              "medianSeconds": 2700,
              "p90Seconds": 2700,
              "rubberStamps": 0
            }
          ]
        }
      }
      "
    `);
  });

  it('reads back as the report', () => {
    const report = aSmallReport();
    expect(JSON.parse(renderAuditJson(report))).toEqual(report);
  });
});
