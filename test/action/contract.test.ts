// The Action's public contract: action.yml says exactly what the registry in src/action/inputs.ts
// says (branch-deploy's check), its one step reads inputs only through env: (G1), every `uses:` is
// pinned (G4), and docs/action.md's tables and the workflow examples of the docs follow the same
// rules, Gatehouse itself written `<owner>/gatehouse@v1` (the major tag its releases move).
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
/** The documents whose YAML examples users copy. */
const EXAMPLE_DOCS = ['docs/action.md', 'docs/deployments.md', 'README.md'];
/** How every example refers to Gatehouse: the documented owner, on the major tag or a full commit. */
const GATEHOUSE_USES = /^<owner>\/gatehouse@(v1|[0-9a-f]{40})$/;

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

  it('has a name, an author, a description and branding the Marketplace accepts', () => {
    expect(action.name).toBe('Gatehouse approval gate');
    expect(action.author).toEqual(expect.stringMatching(/\S/));
    expect(action.description).toEqual(expect.stringMatching(/\S/));
    // The Marketplace refuses a description over 125 characters.
    expect(String(action.description).length).toBeLessThanOrEqual(125);
    // GitHub takes the colors below and a subset of Feather's icons (metadata syntax › branding);
    // these icons are ones checked on that list.
    expect(action.branding).toEqual({
      icon: expect.toBeOneOf(['shield', 'lock', 'check-circle', 'user-check', 'git-pull-request']),
      color: expect.toBeOneOf([
        'white',
        'black',
        'yellow',
        'blue',
        'green',
        'orange',
        'red',
        'purple',
        'gray-dark',
      ]),
    });
  });
});

describe('no expression reaches a shell (G1) and every action is pinned (G4)', () => {
  const documents: [string, Json][] = [
    ['action.yml', action],
    ...EXAMPLE_DOCS.flatMap((file) =>
      yamlBlocks(readFileSync(file, 'utf8')).map((block, index): [string, Json] => [
        `${file} block ${index + 1}`,
        parse(block) as Json,
      ]),
    ),
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
      if (typeof uses !== 'string' || uses.startsWith('./') || GATEHOUSE_USES.test(uses)) continue;
      expect(uses).toMatch(/^[^@\s<>]+@[0-9a-f]{40}$/);
    }
  });

  it('the examples use Gatehouse as <owner>/gatehouse@v1, and nothing else of it', () => {
    const gatehouse = documents
      .flatMap(([, document]) => stepsOf(document))
      .map((step) => step.uses)
      .filter((uses): uses is string => typeof uses === 'string' && /gatehouse@/.test(uses));
    expect(gatehouse.length).toBeGreaterThanOrEqual(7);
    expect(new Set(gatehouse)).toEqual(new Set(['<owner>/gatehouse@v1']));
  });

  it('docs/action.md and the README show the full-commit pin and say who <owner> is', () => {
    const sentence = '`<owner>` is the GitHub account that hosts the Gatehouse repository you install from';
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    const action = docs.replace(/\s+/g, ' ');
    expect(readme).toContain(sentence);
    expect(action).toContain(sentence.replace('`<owner>` is', 'where `<owner>` is'));
    for (const text of [readme, action]) expect(text).toContain('<owner>/gatehouse@<40-hex sha> # v1.0.0');
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
