#!/usr/bin/env node
import { createRequire as __gatehouseCreateRequire } from 'node:module';
const require = __gatehouseCreateRequire(import.meta.url);
import {
  CACHE_VERSION
} from "./chunk-MHDVFN3P.mjs";
import {
  loadPolicy
} from "./chunk-GDGY43PI.mjs";
import {
  describeRequestError,
  readStatus
} from "./chunk-GKYVHM3Y.mjs";
import "./chunk-VO2VAETL.mjs";
import "./chunk-B3DK6FVU.mjs";
import "./chunk-U2RKVWYE.mjs";
import "./chunk-7TLEHQL6.mjs";
import "./chunk-PIRSD7FP.mjs";
import "./chunk-DITODJ3U.mjs";
import "./chunk-HJOLEIQ3.mjs";
import "./chunk-QZTRVKXB.mjs";
import "./chunk-ICXAT5LR.mjs";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-5Q7N6AK2.mjs";
import "./chunk-WQRVGDJH.mjs";

// src/agent/fetch-policy.ts
var fetchPolicy = async (github, location, cached, now) => {
  const known = { ...cached?.responses };
  const used = {};
  sendWithETags(github, known, used);
  const repository = `${location.owner}/${location.repo}`;
  let defaultBranch;
  try {
    const { data } = await github.rest.repos.get({ owner: location.owner, repo: location.repo });
    defaultBranch = data.default_branch;
  } catch (error) {
    return { error: `cannot read ${repository} from GitHub: ${describeRequestError(error)}` };
  }
  const load = await loadPolicy(github, {
    owner: location.owner,
    repo: location.repo,
    path: DEFAULT_CONFIG_PATH,
    defaultBranch
  });
  switch (load.state) {
    case "unreadable":
      return { error: load.error };
    case "invalid":
      return { load: { state: "invalid", file: load.file, problems: load.problems } };
    case "absent":
    case "valid": {
      const policy = load.state === "valid" ? { state: "valid", policy: load.policy } : { state: "absent" };
      return {
        load: policy,
        file: {
          version: CACHE_VERSION,
          api: location.api,
          repository,
          fetchedAt: now.toISOString(),
          defaultBranch,
          policy,
          responses: used
        }
      };
    }
  }
};
function sendWithETags(github, known, used) {
  github.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const url = github.request.endpoint.parse(options).url;
    const cached = known[url];
    if (cached !== void 0) options.headers = { ...options.headers, "if-none-match": cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (etag !== void 0) used[url] = { etag, response };
      return response;
    } catch (error) {
      if (readStatus(error) !== 304 || cached === void 0) throw error;
      used[url] = cached;
      return structuredClone(cached.response);
    }
  });
}
export {
  fetchPolicy
};
