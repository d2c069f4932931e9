// Who may decide, read from GitHub when the gate is decided (A1, A2, A9): repository permission
// from the collaborator-permission API (never `author_association`), and team members by numeric
// id (A6, A7), paginated in full (A8). A team that cannot be read is an error value, so the
// engine fails closed and says why; it is never read as a login.
import type { Actor, TeamMembers } from '../core/model.ts';
import { PERMISSIONS, type Permission } from '../core/registry.ts';
import type { GitHubClient } from './client.ts';
import { describeRequestError, readStatus } from './request-error.ts';

/**
 * A permission answer as one of PERMISSIONS: the role's name when it is a base role
 * (`maintain`, `triage` included), else the legacy base permission a custom role maps to.
 */
export function readPermission(answer: {
  role_name?: string | null;
  permission?: string | null;
}): Permission {
  const role = answer.role_name?.toLowerCase();
  if (role !== undefined && (PERMISSIONS as readonly string[]).includes(role)) return role as Permission;
  const base = answer.permission?.toLowerCase();
  return base !== undefined && (PERMISSIONS as readonly string[]).includes(base)
    ? (base as Permission)
    : 'none';
}

/**
 * Each person's permission on the repository, by user id, one request per person. The answer
 * must be about the same account (by id): a login renamed and claimed by someone else gets
 * `none` (A6). A person who is not found has `none`; any other failure throws, since a gate
 * decided on a guess would be wrong either way.
 */
export async function loadPermissions(
  github: GitHubClient,
  repository: { owner: string; repo: string },
  people: readonly Actor[],
): Promise<Record<number, Permission>> {
  const entries = await Promise.all(
    people.map(async (person): Promise<[number, Permission]> => {
      try {
        const { data } = await github.rest.repos.getCollaboratorPermissionLevel({
          owner: repository.owner,
          repo: repository.repo,
          username: person.login,
        });
        if (data.user !== null && data.user.id !== person.id) return [person.id, 'none'];
        return [person.id, readPermission(data)];
      } catch (error) {
        if (readStatus(error) === 404) return [person.id, 'none'];
        throw error;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** Members of each `org/team` (lower case, no `@`), 100 a page; a failed look-up is an error value. */
export async function loadTeams(
  github: GitHubClient,
  teams: readonly string[],
): Promise<Record<string, TeamMembers>> {
  const entries = await Promise.all(
    teams.map(async (team): Promise<[string, TeamMembers]> => {
      const [org, slug, ...rest] = team.split('/');
      if (org === undefined || slug === undefined || rest.length > 0 || org === '' || slug === '')
        return [team, { error: `"${team}" is not an org/team name` }];
      try {
        const members = await github.paginate(github.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100,
        });
        return [team, { members: members.map((member) => member.id) }];
      } catch (error) {
        return [team, { error: describeRequestError(error) }];
      }
    }),
  );
  return Object.fromEntries(entries);
}
