#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);

// src/cli/github-access.ts
function readToken(env) {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  return token === void 0 || token === "" ? void 0 : token;
}
function readApiUrls(env) {
  const baseUrl = env.GITHUB_API_URL?.replace(/\/+$/, "");
  if (baseUrl === void 0 || baseUrl === "" || baseUrl === "https://api.github.com") return {};
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || baseUrl.replace(/\/api\/v3$/, "/api/graphql");
  return { baseUrl, graphqlUrl: graphqlUrl === baseUrl ? `${baseUrl}/graphql` : graphqlUrl };
}
function parseRepositoryName(value) {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  return match?.[1] === void 0 || match[2] === void 0 ? void 0 : { owner: match[1], repo: match[2] };
}

export {
  readToken,
  readApiUrls,
  parseRepositoryName
};
