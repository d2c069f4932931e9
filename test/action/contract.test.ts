// The Action's public contract: action.yml says exactly what the registry in src/action/inputs.ts
// says (branch-deploy's check), its one step reads inputs only through env: (G1), every `uses:` is
// pinned (G4), and docs/action.md's tables and workflow examples follow the same rules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION_INPUTS,
  ACTION_OUTPUTS,
  createInputVariable,
  type InputName,
} from '../../src/action/inputs.ts';

type Json = Record<string, unknown>;

const action = parse(readFileSync('action.yml', 'utf8')) as Json;
const docs = readFileSync('docs/action.md', 'utf8');

/** The YAML code blocks of a Markdown file. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? '');
}

/** Every step of a workflow or of a composite action. */
function stepsOf(document: Json): Json[] {
  const runs = document.runs as Json | undefined;
  const jobs = (document.jobs ?? {}) as Record<string, Json>;
  return [
    ...((runs?.steps as Json[] | undefined) ?? []),
    ...Object.values(jobs).flatMap((job) => (job.steps as Json[] | undefined) ?? []),
  ];
}

function markdownTable(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  const lines = markdown.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('|'))
      rows.push(
        line
          .split(/(?<!\\)\|/)
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    else if (rows.length > 0) break;
  }
  return rows.slice(2);
}

describe('action.yml', () => {
  it('declares exactly the inputs of the registry, with their descriptions and defaults', () => {
    const inputs = action.inputs as Record<string, Json>;
    expect(Object.keys(inputs)).toEqual(Object.keys(ACTION_INPUTS));
    for (const [name, spec] of Object.entries(ACTION_INPUTS))
      expect(inputs[name], name).toEqual({
        description: spec.description,
        required: spec.required,
        default: spec.default,
      });
  });

  it('declares exactly the outputs of the registry, each mapped from the one step', () => {
    const outputs = action.outputs as Record<string, Json>;
    expect(Object.keys(outputs)).toEqual(Object.keys(ACTION_OUTPUTS));
    for (const [name, spec] of Object.entries(ACTION_OUTPUTS))
      expect(outputs[name], name).toEqual({
        description: spec.description,
        value: `\${{ steps.gatehouse.outputs.${name} }}`,
      });
  });

  it('runs one composite step that passes every input through env:', () => {
    const runs = action.runs as Json;
    expect(runs.using).toBe('composite');
    const steps = runs.steps as Json[];
    expect(steps).toHaveLength(1);
    const [step] = steps as [Json];
    expect(step.id).toBe('gatehouse');
    expect(step.shell).toBe('bash');
    expect(step.run).toBe('node "$GITHUB_ACTION_PATH/dist/action.mjs"');
    expect(step.env).toEqual(
      Object.fromEntries(
        Object.keys(ACTION_INPUTS).map((name) => [
          createInputVariable(name as InputName),
          `\${{ inputs.${name} }}`,
        ]),
      ),
    );
  });

  it('has a name, a description and branding for the Marketplace', () => {
    expect(action.name).toEqual(expect.any(String));
    expect(String(action.description).length).toBeLessThanOrEqual(125);
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  });
});

describe('no expression reaches a shell (G1) and every action is pinned (G4)', () => {
  const documents: [string, Json][] = [
    ['action.yml', action],
    ...yamlBlocks(docs).map((block, index): [string, Json] => [
      `docs/action.md block ${index + 1}`,
      parse(block) as Json,
    ]),
  ];

  it('docs/action.md has workflow examples to check', () => {
    expect(documents.length).toBeGreaterThan(5);
  });

  it.each(documents)('%s has no ${{ inside run: or script:', (_name, document) => {
    for (const step of stepsOf(document)) {
      expect(String(step.run ?? '')).not.toContain('${{');
      expect(String((step.with as Json | undefined)?.script ?? '')).not.toContain('${{');
    }
  });

  it.each(documents)('%s pins every third-party uses: to a 40-hex commit', (_name, document) => {
    for (const step of stepsOf(document)) {
      const uses = step.uses;
      if (typeof uses !== 'string' || uses.startsWith('./')) continue;
      expect(uses).toMatch(/^[^@\s]+@[0-9a-f]{40}$/);
    }
  });

  it('catches a run: that interpolates an input', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expression is the point
    const bad = parse('jobs:\n  a:\n    steps:\n      - run: echo "${{ inputs.title }}"\n') as Json;
    expect(stepsOf(bad).some((step) => String(step.run).includes('${{'))).toBe(true);
  });
});

describe('docs/action.md', () => {
  it('lists every input with its default and description', () => {
    const rows = markdownTable(docs, '## Inputs');
    expect(rows.map((row) => row[0])).toEqual(Object.keys(ACTION_INPUTS).map((name) => `\`${name}\``));
    for (const [name, spec] of Object.entries(ACTION_INPUTS)) {
      const row = rows.find((cells) => cells[0] === `\`${name}\``);
      expect(row?.[1], name).toBe(spec.default === '' ? '' : `\`${spec.default}\``);
      expect(row?.[2]?.replace(/\\\|/g, '|'), name).toBe(spec.description);
    }
  });

  it('lists every output with its description', () => {
    const rows = markdownTable(docs, '## Outputs');
    expect(rows.map((row) => row[0])).toEqual(Object.keys(ACTION_OUTPUTS).map((name) => `\`${name}\``));
    for (const [name, spec] of Object.entries(ACTION_OUTPUTS))
      expect(rows.find((cells) => cells[0] === `\`${name}\``)?.[1], name).toBe(spec.description);
  });

  it('gives every workflow example a permissions: block', () => {
    const workflows = yamlBlocks(docs)
      .map((block) => parse(block) as Json)
      .filter((document) => document.jobs !== undefined);
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    for (const workflow of workflows) {
      const jobs = Object.values(workflow.jobs as Record<string, Json>);
      for (const job of jobs) expect(workflow.permissions ?? job.permissions).toBeDefined();
      expect(JSON.stringify(workflow)).not.toContain('write-all');
    }
  });
});
