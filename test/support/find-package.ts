import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The folder of the package `name` as Node would find it from `from`: the nearest node_modules up. */
export function findPackage(name: string, from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed`);
  }
}
