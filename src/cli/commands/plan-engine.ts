// What `gatehouse plan` needs once git has answered: the evaluation, the rendering, path matching
// and the cache of parsed policies. One module, imported while the first git commands run, so
// that loading it costs no time of its own before them.
export { resolveCacheDir } from '../../agent/policy-cache.ts';
export { evaluateGate } from '../../core/gate.ts';
export { createFileIndex, createPathRule, matchFiles } from '../../core/path-match.ts';
export { createPlan, renderPlanMarkdown, renderPlanText } from '../../core/plan.ts';
export { createPullRequestRequest } from '../../core/request.ts';
export { compilePathRules } from '../../core/risk.ts';
export { createParsedPolicyCache } from '../../local/parsed-policy-cache.ts';
