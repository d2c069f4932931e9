// What the sweep has reconciled, kept in memory for the life of the process: for each gate, the
// version of its subject (a pull request's head and `updated_at`, an approval issue's
// `updated_at`) at which it was last recomputed. A gate whose subject has not changed since is not
// recomputed again, so a quiet repository costs a sweep only conditional reads (304s). After a
// start nothing is remembered, and the first sweep recomputes every gate that is not settled:
// that is the reconcile of whatever a crash or a lost delivery left half done.

export interface ReconciledGates {
  /** Whether the gate was recomputed at this version of its subject. */
  has(key: string, version: string): boolean;
  remember(key: string, version: string): void;
}

export function createReconciledGates(maxEntries = 20_000): ReconciledGates {
  const versions = new Map<string, string>();
  return {
    has(key, version) {
      return versions.get(key.toLowerCase()) === version;
    },
    remember(key, version) {
      const normal = key.toLowerCase();
      versions.delete(normal);
      versions.set(normal, version);
      // The oldest first: a gate forgotten is recomputed once more, which is only a cost.
      while (versions.size > maxEntries) {
        const oldest = versions.keys().next().value;
        if (oldest === undefined) break;
        versions.delete(oldest);
      }
    },
  };
}
