// Who may decide, read at decision time (A1, A8, A9): the repository permission of everyone who
// said something to the gate, and the members of every team the gate needs — the teams an
// `authors:` predicate names first (risk depends on them), then the reviewer and backup teams of
// the rules that matched. Shared by pull-request gates and approval-issue gates.
import { listStatementAuthors, listTeamsNeeded } from '../core/gate.ts';
import type { Facts, Policy, PriorDecision, Request, Statement, TeamMembers } from '../core/model.ts';
import { evaluateRisk } from '../core/risk.ts';
import type { GitHubClient } from '../github/client.ts';
import { loadPermissions, loadTeams } from '../github/load-permissions.ts';

export async function loadAuthorization(
  github: GitHubClient,
  repository: { owner: string; repo: string },
  gate: {
    policy: Policy;
    request: Request;
    statements: readonly Statement[];
    botId: number;
    history: readonly PriorDecision[] | undefined;
    policyFiles?: readonly string[] | undefined;
  },
): Promise<Pick<Facts, 'permissions' | 'teams'>> {
  const { policy } = gate;
  const authorTeams = listTeamsNeeded(policy);
  const [permissions, teamsForAuthors] = await Promise.all([
    loadPermissions(
      github,
      repository,
      listStatementAuthors(gate.statements, [gate.botId], { allowBots: policy.defaults.allowBots }),
    ),
    loadTeams(github, authorTeams),
  ]);
  const risk = evaluateRisk(policy, gate.request, {
    history: gate.history,
    teams: teamsForAuthors,
    policyFiles: gate.policyFiles,
  });
  const teams: Record<string, TeamMembers> = {
    ...teamsForAuthors,
    ...(await loadTeams(
      github,
      listTeamsNeeded(policy, risk).filter((team) => !authorTeams.includes(team)),
    )),
  };
  return { permissions, teams };
}
