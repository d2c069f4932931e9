// node:fs for the hook's path, without the cost of importing it: an ESM `import ... from 'node:fs'`
// reads every export of the module, fs.promises and the stream classes among them, and so loads
// about thirty of Node's internal modules (a tenth of Node's start, before every tool call of an
// agent). process.getBuiltinModule (Node 20.16+, 22.3+) and require() hand it over as it is.
import type * as Fs from 'node:fs';
import { createRequire } from 'node:module';

export function nodeFs(): typeof Fs {
  return typeof process.getBuiltinModule === 'function'
    ? process.getBuiltinModule('node:fs')
    : (createRequire(import.meta.url)('node:fs') as typeof Fs);
}
