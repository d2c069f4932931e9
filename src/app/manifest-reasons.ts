// Why the App asks for each permission and event of app.yml, one line each: the registration page
// shows them next to what app.yml asks for. app.yml says what; this map says why, and a test fails
// when app.yml gains a permission or an event without a reason here. docs/app.md says more.

export const PERMISSION_REASONS: Readonly<Record<string, string>> = {
  checks:
    'The gatehouse check run: where each gate stands, its Approve and Reject buttons, and the audit trail of every commit.',
  pull_requests:
    'Reads the pull request, its files, reviews and timeline; requests reviews from the people who must approve.',
  issues:
    'Posts the one approval-request comment and updates it in place; reads the comments that hold /approve and the other commands.',
  contents:
    'Writes one commit per decision to the gatehouse-log branch, and reads .github/gatehouse.yml and spec files. It writes no other branch.',
  members: 'Expands @org/team reviewer groups into their members.',
  metadata: "Required of every App: repository names and collaborators' permissions.",
  actions: 'Deployment gates: finds the workflow runs that wait for Gatehouse to approve a deployment.',
  deployments: 'Deployment gates: approves or rejects a waiting deployment, and reads who created it.',
  administration:
    "Optional: applies the policy's environments: section to the repository's environments (docs/environment-sync.md).",
};

export const EVENT_REASONS: Readonly<Record<string, string>> = {
  pull_request: 'A pull request opened, pushed to, labelled or edited: its gate is recomputed.',
  pull_request_review: 'An approving review counts like /approve, a request for changes like /modify.',
  issue_comment: 'The commands people write: /approve, /reject, /delay, /modify, /ack, /recheck.',
  check_run: "A click on the check run's Approve or Reject button, or on Re-run.",
  deployment_protection_rule:
    "A deployment waits for Gatehouse, its environment's custom protection rule, to decide.",
  deployment_review: "An answer in GitHub's own Review deployments dialog counts like /approve or /reject.",
  deployment_status:
    'A deployment of an environment Gatehouse gates ended: what ran is recorded next to its decision.',
  push: 'A policy change on the default branch: environments are synced and gates read the new policy.',
};
