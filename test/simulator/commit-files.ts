// The `files` of GET /repos/{owner}/{repo}/commits/{ref}: what a commit changed against its first
// parent (added, modified, removed), as GitHub lists them. Trees here are flat maps of path to
// blob id, so a move shows as a removal and an addition, as GitHub shows it without rename
// detection.
type Json = Record<string, unknown>;

export function listCommitFiles(
  tree: Readonly<Record<string, string>>,
  parentTree: Readonly<Record<string, string>>,
  at: { owner: string; repo: string; sha: string },
): Json[] {
  const paths = [...new Set([...Object.keys(parentTree), ...Object.keys(tree)])].sort();
  const files: Json[] = [];
  for (const path of paths) {
    const before = parentTree[path];
    const after = tree[path];
    if (before === after) continue;
    const status = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
    const base = `https://github.com/${at.owner}/${at.repo}`;
    files.push({
      sha: after ?? before ?? '',
      filename: path,
      status,
      additions: 0,
      deletions: 0,
      changes: 0,
      blob_url: `${base}/blob/${at.sha}/${path}`,
      raw_url: `${base}/raw/${at.sha}/${path}`,
      contents_url: `https://api.github.com/repos/${at.owner}/${at.repo}/contents/${path}?ref=${at.sha}`,
    });
  }
  return files;
}
