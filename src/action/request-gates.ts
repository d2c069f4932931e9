// The request-gate orchestration the Action calls (src/gate/run-request-gate.ts), as the
// structural type the Action needs of it. main.ts passes the real module; tests pass fakes, so the
// Action's own tests stay about the Action (the orchestration has its own).
import type { Actor, Request, RequestOption } from '../core/model.ts';
import type { Decision, Tier } from '../core/registry.ts';
import type { GateEnvironment } from '../gate/run-pull-request-gate.ts';

export interface RequestGateOptions {
  checkRun: boolean;
  dispatch: boolean;
  labels?: string[];
}

export interface RequestGateRun {
  policy: 'absent' | 'unreadable' | 'invalid' | 'valid';
  state?: Decision;
  tier?: Tier;
  decisionId?: string;
  logCommit?: string;
  checkRunId?: number;
  issueNumber?: number;
  issueUrl?: string;
  option?: RequestOption;
  modifications?: string;
  reason?: string;
  approvers: Actor[];
  expiredForQueue: number[];
  error?: string;
  requests: number;
  waitingFor?: string;
  deadline?: string;
}

export interface WaitOptions extends RequestGateOptions {
  timeoutMs: number;
  pollIntervalMs: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (run: RequestGateRun, elapsedMs: number) => void;
}

export type WaitedRun = RequestGateRun & { polls: number; notModified: number; timedOut: boolean };

type Repo = { owner: string; repo: string };

export interface RequestGates {
  runRequestGate: (
    env: GateEnvironment,
    target: Repo,
    request: Request,
    options: RequestGateOptions,
  ) => Promise<RequestGateRun>;
  runApprovalIssueGate: (
    env: GateEnvironment,
    target: Repo & { issueNumber: number },
    options: RequestGateOptions,
  ) => Promise<RequestGateRun | undefined>;
  waitForRequestDecision: (
    env: GateEnvironment,
    target: Repo,
    request: Request,
    options: WaitOptions,
  ) => Promise<WaitedRun>;
  sweepRequestGates: (
    env: GateEnvironment,
    target: Repo,
    options: RequestGateOptions,
  ) => Promise<RequestGateRun[]>;
}
