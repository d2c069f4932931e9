// The request-gate orchestration the Action calls (src/gate/run-request-gate.ts). main.ts passes
// the real module; tests pass fakes of the same shape, so the Action's own tests stay about the
// Action (the orchestration has its own).
import type * as requestGates from '../gate/run-request-gate.ts';

export type { RequestGateOptions, RequestGateRun } from '../gate/run-request-gate.ts';

export type RequestGates = Pick<
  typeof requestGates,
  'runRequestGate' | 'runApprovalIssueGate' | 'waitForRequestDecision' | 'sweepRequestGates'
>;

export type WaitedRun = Awaited<ReturnType<RequestGates['waitForRequestDecision']>>;
