// The check suites and runs of commits, as GitHub's GraphQL answers them (load-log-provenance.ts):
// for each `cN: object(oid: "…") { ... on Commit { checkSuites … } }`, the runs of each app on
// that commit (one suite per app), every run (`checkType: ALL`), with its database id, external
// id and text. A commit the simulator does not hold is null, as GitHub answers it.
type Json = Record<string, unknown>;

const COMMIT_SUITES =
  /(\w+):\s*object\(oid:\s*"([0-9a-f]{40})"\)\s*\{\s*\.\.\.\s*on Commit\s*\{\s*checkSuites/g;

export function answerCheckSuites(
  query: string,
  checkRuns: readonly Json[],
  commits: ReadonlySet<string>,
): [number, unknown] | undefined {
  const objects = [...query.matchAll(COMMIT_SUITES)];
  if (objects.length === 0) return undefined;
  const repository: Json = {};
  for (const [, alias = '', oid = ''] of objects) {
    if (!commits.has(oid)) {
      repository[alias] = null;
      continue;
    }
    const suites = new Map<string, Json[]>();
    for (const run of checkRuns) {
      if (run.head_sha !== oid) continue;
      const slug = String((run.app as Json).slug);
      suites.set(slug, [...(suites.get(slug) ?? []), run]);
    }
    repository[alias] = {
      checkSuites: {
        nodes: [...suites].map(([slug, runs]) => ({
          app: { slug },
          checkRuns: {
            nodes: runs.map((run) => ({
              databaseId: run.id,
              externalId: run.external_id ?? null,
              text: ((run.output ?? {}) as Json).text ?? null,
            })),
          },
        })),
      },
    };
  }
  return [200, { data: { repository } }];
}
