// GitHub's REST description as the simulator's referee: requests GitHub would refuse and responses
// GitHub would never send are named, with where and what; everything GitHub does accept passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubSimulator, startGitHubSimulator } from './github.ts';
import { checkRequest, checkResponse, type SentRequest } from './openapi.ts';

const violationsOf = (request: SentRequest) => checkRequest(request).violations;

describe('a request checked against GitHub’s REST description', () => {
  it('passes when GitHub would accept it', () => {
    const checked = checkRequest({
      method: 'POST',
      url: '/repos/acme/shop/issues',
      body: { title: 'Approve: deploy', body: 'please', labels: ['gatehouse'] },
    });
    expect(checked.violations).toEqual([]);
    expect(checked.operation?.label).toBe('POST /repos/{owner}/{repo}/issues');
  });

  it('names a route GitHub does not have, as a 404 would', () => {
    const checked = checkRequest({ method: 'GET', url: '/repos/acme/shop/nothing' });
    expect(checked).toMatchObject({ unknownRoute: true, operation: undefined });
    expect(checked.violations).toEqual([
      "GET /repos/acme/shop/nothing: no such route in GitHub's REST description (api.github.com)",
    ]);
  });

  it('names a method the route does not take', () => {
    const checked = checkRequest({ method: 'PUT', url: '/repos/acme/shop/issues', body: { title: 'x' } });
    expect(checked.unknownRoute).toBe(false);
    expect(checked.violations).toEqual([
      'PUT /repos/acme/shop/issues: GitHub has no PUT on /repos/{owner}/{repo}/issues (only GET, POST)',
    ]);
  });

  it('names a query parameter the operation does not declare, and checks declared ones by type and enum', () => {
    expect(
      violationsOf({
        method: 'GET',
        url: '/repos/acme/shop/issues?labels=gatehouse&state=done&per_page=ten&labelz=x',
      }),
    ).toEqual([
      'GET /repos/acme/shop/issues: query.labelz: not a parameter of GET /repos/{owner}/{repo}/issues',
      'GET /repos/acme/shop/issues: query.state: must be one of "open", "closed", "all" (got "done")',
      'GET /repos/acme/shop/issues: query.per_page: must be integer',
    ]);
    expect(
      violationsOf({ method: 'GET', url: '/repos/acme/shop/issues?state=all&per_page=100&page=2' }),
    ).toEqual([]);
  });

  it('reads query booleans and arrays as declared, and names a required one left out', () => {
    expect(violationsOf({ method: 'GET', url: '/notifications?all=true' })).toEqual([]);
    expect(violationsOf({ method: 'GET', url: '/notifications?all=yes' })).toEqual([
      'GET /notifications: query.all: must be boolean',
    ]);
    expect(violationsOf({ method: 'GET', url: '/orgs/acme/migrations?exclude=repositories' })).toEqual([]);
    expect(
      violationsOf({ method: 'GET', url: '/orgs/acme/migrations?exclude[]=repositories&exclude[]=wiki' }),
    ).toEqual(['GET /orgs/acme/migrations: query.exclude[1]: must be one of "repositories" (got "wiki")']);
    expect(violationsOf({ method: 'GET', url: '/orgs/acme/packages' })).toEqual([
      'GET /orgs/acme/packages: query.package_type: is required',
    ]);
  });

  it('checks path parameters by type, and matches literal segments before parameters', () => {
    expect(violationsOf({ method: 'GET', url: '/repos/acme/shop/issues/seven' })).toEqual([
      'GET /repos/acme/shop/issues/seven: path.issue_number: must be integer',
    ]);
    expect(checkRequest({ method: 'GET', url: '/repos/acme/shop/issues/comments' }).operation?.label).toBe(
      'GET /repos/{owner}/{repo}/issues/comments',
    );
  });

  it('reads a percent-encoded path parameter as one segment', () => {
    const checked = checkRequest({ method: 'GET', url: '/repos/acme/shop/git/ref/heads%2Fgatehouse-log' });
    expect(checked.violations).toEqual([]);
    expect(checked.operation?.pathValues).toEqual({
      owner: 'acme',
      repo: 'shop',
      ref: 'heads/gatehouse-log',
    });
  });

  it('names a body field of the wrong type', () => {
    expect(
      violationsOf({ method: 'POST', url: '/repos/acme/shop/issues/3/comments', body: { body: 42 } }),
    ).toEqual(['POST /repos/acme/shop/issues/3/comments: body.body: must be string']);
  });

  it('names a missing required body field', () => {
    expect(
      violationsOf({ method: 'POST', url: '/repos/acme/shop/check-runs', body: { name: 'gatehouse' } }),
    ).toEqual(['POST /repos/acme/shop/check-runs: body.head_sha: is required']);
  });

  it('takes null where the description says nullable, typed or not', () => {
    expect(
      violationsOf({
        method: 'PATCH',
        url: '/repos/acme/shop/issues/3',
        body: { milestone: null, assignee: null, state: 'closed' },
      }),
    ).toEqual([]);
  });

  it('names a value outside an enum', () => {
    expect(
      violationsOf({ method: 'PATCH', url: '/repos/acme/shop/issues/3', body: { state: 'done' } }),
    ).toEqual(['PATCH /repos/acme/shop/issues/3: body.state: must be one of "open", "closed" (got "done")']);
  });

  it('names a body field GitHub would ignore, and a body where none is taken', () => {
    expect(
      violationsOf({ method: 'POST', url: '/repos/acme/shop/issues', body: { title: 'x', labelz: ['a'] } }),
    ).toEqual([
      'POST /repos/acme/shop/issues: body.labelz: not a field of POST /repos/{owner}/{repo}/issues',
    ]);
    expect(
      violationsOf({ method: 'DELETE', url: '/repos/acme/shop/issues/comments/5', body: { why: 'x' } }),
    ).toEqual([
      'DELETE /repos/acme/shop/issues/comments/5: body: DELETE /repos/{owner}/{repo}/issues/comments/{comment_id} takes no body',
    ]);
  });

  it('checks Enterprise Server requests under /api/v3 against its own description', () => {
    const checked = checkRequest({ method: 'GET', url: '/api/v3/repos/acme/shop/issues?state=open' });
    expect(checked.violations).toEqual([]);
    expect(checked.operation?.description.name).toBe('ghes-3.19');
  });

  it('leaves GraphQL to the simulator', () => {
    expect(
      checkRequest({ method: 'POST', url: '/graphql', body: { query: '{ viewer { login } }' } }),
    ).toMatchObject({
      operation: undefined,
      unknownRoute: false,
      violations: [],
    });
  });
});

describe('a response checked against GitHub’s REST description', () => {
  const create = checkRequest({ method: 'POST', url: '/repos/acme/shop/issues', body: { title: 'x' } });
  const read = checkRequest({ method: 'GET', url: '/repos/acme/shop/check-runs/5' });

  it('names a status the operation does not declare', () => {
    expect(checkResponse(create, 200, {})).toEqual([
      'POST /repos/acme/shop/issues 200: not a status of POST /repos/{owner}/{repo}/issues (it declares 201, 400, 403, 404, 410, 422, 503)',
    ]);
  });

  it('names a field of the wrong type, and takes null for a nullable enum', async () => {
    const { aCheckRun } = await import('../support/github-fixtures.ts');
    const run = aCheckRun({
      id: 5,
      name: 'gatehouse',
      headSha: 'c0ffee',
      status: 'in_progress',
      conclusion: null,
    });
    expect(checkResponse(read, 200, run)).toEqual([]);
    expect(checkResponse(read, 200, { ...run, id: 'five' })).toEqual([
      'GET /repos/acme/shop/check-runs/5 200: body.id: must be integer',
    ]);
  });

  it('skips the bodies of 204 and 304, and takes GitHub-wide errors with GitHub’s error body', () => {
    const dispatch = checkRequest({
      method: 'POST',
      url: '/repos/acme/shop/dispatches',
      body: { event_type: 'gatehouse-decision' },
    });
    expect(checkResponse(dispatch, 204, undefined)).toEqual([]);
    expect(
      checkResponse(read, 503, {
        message: 'Service unavailable',
        documentation_url: 'https://docs.github.com',
      }),
    ).toEqual([]);
    expect(checkResponse(read, 503, { message: 503 })).toEqual([
      'GET /repos/acme/shop/check-runs/5 503: body.message: must be string',
    ]);
  });

  it('takes the answers GitHub gives beyond its description only where it gives them', () => {
    const answer = checkRequest({
      method: 'POST',
      url: '/repos/acme/shop/actions/runs/501/deployment_protection_rule',
      body: { environment_name: 'production', state: 'approved', comment: 'ok' },
    });
    const refused = {
      message: 'No pending deployment requests to approve or reject',
      documentation_url: 'https://docs.github.com',
    };
    expect(checkResponse(answer, 422, refused)).toEqual([]);
    expect(checkResponse(read, 422, refused)).toEqual([
      'GET /repos/acme/shop/check-runs/5 422: not a status of GET /repos/{owner}/{repo}/check-runs/{check_run_id} (it declares 200)',
    ]);
  });
});

describe('the simulator refereed by the description', () => {
  let github: GitHubSimulator;
  beforeAll(async () => {
    github = await startGitHubSimulator();
  });
  afterAll(() => github.close());

  it('refuses a request GitHub would not accept with a GitHub-shaped 400, and records it', async () => {
    const response = await fetch(`${github.url}/repos/acme/shop/issues`, {
      method: 'POST',
      body: JSON.stringify({ title: 'x', labels: 'gatehouse' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message:
        'Bad Request: not a request GitHub accepts: POST /repos/acme/shop/issues: body.labels: must be array',
      documentation_url: 'https://docs.github.com/rest',
    });
    expect(github.state.issues.size).toBe(0);
    expect(() => github.assertFaithful()).toThrow(
      /POST \/repos\/acme\/shop\/issues: body\.labels: must be array/,
    );
    expect(github.violations).toEqual([]);
  });

  it('answers 404 for a route GitHub does not have', async () => {
    const response = await fetch(`${github.url}/repos/acme/shop/approvals`);
    expect(response.status).toBe(404);
    expect(github.violations).toEqual([
      "GET /repos/acme/shop/approvals: no such route in GitHub's REST description (api.github.com)",
    ]);
    github.violations.length = 0;
  });

  it('records a failure of its own as an answer GitHub would never give', async () => {
    github.when(
      (request) => request.path === '/repos/acme/shop/pulls',
      1,
      () => {
        throw new Error('a broken hook');
      },
    );
    const response = await fetch(`${github.url}/repos/acme/shop/pulls`);
    expect(response.status).toBe(500);
    expect(github.violations).toEqual([
      'response: GET /repos/acme/shop/pulls 500: the simulator failed: Error: a broken hook',
    ]);
    github.violations.length = 0;
  });

  it('records an answer of its own that GitHub would never give', async () => {
    const number = github.addIssue({ title: 'Approve' });
    const issue = github.state.issues.get(number) as Record<string, unknown>;
    issue.locked = 'no';
    const response = await fetch(`${github.url}/repos/acme/shop/issues/${number}`);
    expect(response.status).toBe(200);
    expect(github.violations).toEqual([
      `response: GET /repos/acme/shop/issues/${number} 200: body.locked: must be boolean`,
    ]);
    github.violations.length = 0;
  });
});
