import { describe, expect, it } from 'vitest';
import { loadPermissions, loadTeams, readPermission } from '../../src/github/load-permissions.ts';
import { API, aTestClient, github, useNock } from '../support/github-client.ts';
import { anError, aPermission, aTeamMember, users } from '../support/github-fixtures.ts';

useNock();

const repository = { owner: 'acme', repo: 'shop' };
const permissionOf = (login: string) => `/repos/acme/shop/collaborators/${login}/permission`;

describe('readPermission', () => {
  it.each([
    [{ role_name: 'admin', permission: 'admin' }, 'admin'],
    [{ role_name: 'maintain', permission: 'write' }, 'maintain'],
    [{ role_name: 'write', permission: 'write' }, 'write'],
    [{ role_name: 'triage', permission: 'read' }, 'triage'],
    [{ role_name: 'read', permission: 'read' }, 'read'],
    [{ role_name: 'security-reviewer', permission: 'read' }, 'read'],
    [{ role_name: 'release-manager', permission: 'write' }, 'write'],
    [{ role_name: '', permission: 'none' }, 'none'],
    [{ role_name: 'odd', permission: 'odd' }, 'none'],
  ])('maps %j to %s (custom roles to their base permission)', (answer, permission) => {
    expect(readPermission(answer)).toBe(permission);
  });
});

describe('loadPermissions', () => {
  it('asks the collaborator-permission API once per person (A1, A9)', async () => {
    github()
      .get(permissionOf('alice'))
      .reply(200, aPermission(users.alice, 'maintain', 'write'))
      .get(permissionOf('dave'))
      .reply(200, aPermission(users.dave, 'triage', 'read'))
      .get(permissionOf('mallory'))
      .reply(404, anError('Not Found'));
    const permissions = await loadPermissions(aTestClient(), repository, [
      users.alice,
      users.dave,
      users.mallory,
    ]);
    expect(permissions).toEqual({ 1: 'maintain', 4: 'triage', 66: 'none' });
  });

  it('gives nothing to a login now held by another account (A6)', async () => {
    const impostor = { id: 5000, login: 'alice', type: 'User' };
    github()
      .get(permissionOf('alice'))
      .reply(200, aPermission(impostor, 'admin', 'admin'));
    expect(await loadPermissions(aTestClient(), repository, [users.alice])).toEqual({ 1: 'none' });
  });

  it('fails rather than guess when GitHub cannot answer', async () => {
    github().get(permissionOf('alice')).times(3).reply(502, anError('Bad Gateway'));
    await expect(loadPermissions(aTestClient(), repository, [users.alice])).rejects.toMatchObject({
      status: 502,
    });
  });
});

describe('loadTeams', () => {
  it('reads every member of a team by id, through all pages (A8)', async () => {
    const first = Array.from({ length: 100 }, (_, i) =>
      aTeamMember({ id: 10_000 + i, login: `m${i}`, type: 'User' }),
    );
    const second = Array.from({ length: 50 }, (_, i) =>
      aTeamMember({ id: 20_000 + i, login: `n${i}`, type: 'User' }),
    );
    github()
      .get('/orgs/acme/teams/platform/members')
      .query({ per_page: 100 })
      .reply(200, first, {
        link: `<${API}/orgs/acme/teams/platform/members?per_page=100&page=2>; rel="next"`,
      })
      .get('/orgs/acme/teams/platform/members')
      .query({ per_page: 100, page: 2 })
      .reply(200, second);
    const teams = await loadTeams(aTestClient(), ['acme/platform']);
    const team = teams['acme/platform'];
    expect(team && 'members' in team && team.members).toHaveLength(150);
    expect(team && 'members' in team && team.members.at(-1)).toBe(20_049);
  });

  it('returns the error of a team it cannot read, so the gate fails closed', async () => {
    github()
      .get('/orgs/acme/teams/secret/members')
      .query({ per_page: 100 })
      .reply(403, anError('Resource not accessible by integration'));
    expect(await loadTeams(aTestClient(), ['acme/secret', 'nonsense'])).toEqual({
      'acme/secret': { error: 'HTTP 403: Resource not accessible by integration' },
      nonsense: { error: '"nonsense" is not an org/team name' },
    });
  });
});
