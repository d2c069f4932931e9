// GET /user: the account a token acts as. A person's token reads its person; an installation
// token (the App's, or github-actions[bot]'s) is refused as GitHub refuses it.
import { aUser, example } from '../support/github-fixtures.ts';
import type { Router } from './github.ts';

export const authenticatedUser: Router = ({ method, path, caller }) => {
  if (method !== 'GET' || path !== '/user') return undefined;
  if (caller.app.id !== 0)
    return [
      403,
      {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403',
      },
    ];
  const template = example('GET /user') as Record<string, unknown>;
  return [200, { ...template, ...aUser(caller.actor), name: caller.actor.login }];
};
