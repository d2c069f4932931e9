// Writes docs/gatehouse.schema.json and the reference section of docs/configuration.md from the
// policy schema. `node scripts/generate-docs.ts --check` writes nothing and exits 1 when either
// file in the working tree differs from what it would write.
import { readFile, writeFile } from 'node:fs/promises';
import {
  createPolicyJsonSchema,
  renderPolicyJsonSchema,
  renderPolicyReference,
  replaceReferenceSection,
} from '../src/core/json-schema.ts';

const ROOT = new URL('../', import.meta.url);

export interface GeneratedDoc {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(new URL(path, ROOT), 'utf8').catch(() => undefined);
}

/** What the generated docs should contain now. docs/configuration.md must exist (its prose is hand-written). */
export async function createGeneratedDocs(): Promise<GeneratedDoc[]> {
  const schema = createPolicyJsonSchema();
  const configuration = await readText('docs/configuration.md');
  if (configuration === undefined) throw new Error('docs/configuration.md is missing');
  return [
    { path: 'docs/gatehouse.schema.json', content: renderPolicyJsonSchema(schema) },
    {
      path: 'docs/configuration.md',
      content: replaceReferenceSection(configuration, renderPolicyReference(schema)),
    },
  ];
}

/** One line per generated file that is missing or differs: `docs/configuration.md is stale: run npm run generate`. */
export async function listStaleDocs(): Promise<string[]> {
  const stale: string[] = [];
  for (const doc of await createGeneratedDocs()) {
    const current = await readText(doc.path);
    if (current !== doc.content) {
      stale.push(`${doc.path} is ${current === undefined ? 'missing' : 'stale'}: run npm run generate`);
    }
  }
  return stale;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--check')) {
    const stale = await listStaleDocs();
    for (const line of stale) console.error(line);
    return stale.length > 0 ? 1 : 0;
  }
  for (const doc of await createGeneratedDocs()) {
    await writeFile(new URL(doc.path, ROOT), doc.content);
    console.log(`wrote ${doc.path}`);
  }
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
