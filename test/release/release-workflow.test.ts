// The release workflow as written: what triggers it, what each job may do, and that nothing is
// released before the tag, dist/ and the tests are checked. actionlint checks its syntax and
// expressions (docs/releasing.md says how to run it); this checks what it means.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the workflow's expressions are what these tests read
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Json = Record<string, unknown>;
interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Json;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as Json;
const jobs = workflow.jobs as Record<string, Job>;
const allSteps = Object.values(jobs).flatMap((job) => job.steps);

function job(name: string): Job {
  const found = jobs[name];
  if (found === undefined) throw new Error(`release.yml has no job ${name}`);
  return found;
}

function stepIndex(steps: Step[], run: RegExp): number {
  const index = steps.findIndex((step) => run.test(step.run ?? ''));
  if (index === -1) throw new Error(`no step runs ${run}`);
  return index;
}

function needsOf(name: string): string[] {
  const needs = job(name).needs ?? [];
  return typeof needs === 'string' ? [needs] : needs;
}

/** Every job `name` waits for, directly or not. */
function upstreamOf(name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (current: string): void => {
    for (const need of needsOf(current))
      if (!seen.has(need)) {
        seen.add(need);
        visit(need);
      }
  };
  visit(name);
  return seen;
}

describe('the release workflow', () => {
  it('runs on the push of a version tag, and on nothing else', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
  });

  it('grants nothing by default and each job only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    expect(job('verify').permissions).toEqual({ contents: 'read' });
    expect(job('release').permissions).toEqual({ contents: 'write' });
    expect(job('publish').permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('checks out without keeping the token in git', () => {
    const checkouts = allSteps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('installs with Node 20 and npm ci, as ci.yml does', () => {
    const steps = job('verify').steps;
    const setup = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe(20);
    expect(stepIndex(steps, /^npm ci$/)).toBeGreaterThan(steps.indexOf(setup as Step));
  });

  describe('the verify job, before anything is released', () => {
    const steps = job('verify').steps;

    it('checks that the tag is v + package.json’s version', () => {
      const plan = steps[stepIndex(steps, /scripts\/release-plan\.ts "\$TAG"/)];
      expect(plan?.env).toEqual({ TAG: '${{ github.ref_name }}' });
      expect(plan?.id).toBe('plan');
    });

    it('checks that dist/ is the build of the tagged commit, and runs the tests', () => {
      expect(stepIndex(steps, /^npm run check:fresh$/)).toBeGreaterThan(stepIndex(steps, /^npm ci$/));
      expect(stepIndex(steps, /^npm test$/)).toBeGreaterThan(stepIndex(steps, /^npm ci$/));
    });

    it('reads the release notes from CHANGELOG.md for the planned version', () => {
      const notes = steps[stepIndex(steps, /scripts\/release-notes\.ts "\$VERSION"/)];
      expect(notes?.env?.VERSION).toBe('${{ steps.plan.outputs.version }}');
      expect(stepIndex(steps, /release-notes/)).toBeGreaterThan(stepIndex(steps, /release-plan/));
    });

    it('runs the project’s scripts with the project’s Node 24', () => {
      for (const step of steps.filter((candidate) => /scripts\//.test(candidate.run ?? '')))
        expect(step.run).toMatch(/node_modules\/\.bin\/node scripts\//);
    });
  });

  it('releases and publishes only after the verify job passed', () => {
    expect(upstreamOf('release')).toContain('verify');
    expect(upstreamOf('publish')).toEqual(new Set(['verify', 'release']));
  });

  describe('the release job', () => {
    const steps = job('release').steps;

    it('creates the release for the tag with the verified notes', () => {
      const create = steps[stepIndex(steps, /gh release create "\$TAG"/)];
      expect(create?.env?.NOTES).toBe('${{ needs.verify.outputs.notes }}');
      expect(create?.run).toContain('--prerelease="$PRERELEASE"');
      expect(job('release').env?.TAG).toBe('${{ github.ref_name }}');
    });

    it('moves the major tag to the verified commit, unless the plan says not to (prereleases)', () => {
      const move = steps[stepIndex(steps, /git\/refs\/tags\/\$MAJOR_TAG/)];
      expect(move?.if).toBe("needs.verify.outputs.move-major-tag == 'true'");
      expect(move?.env).toEqual({
        MAJOR_TAG: '${{ needs.verify.outputs.major-tag }}',
        COMMIT: '${{ needs.verify.outputs.commit }}',
      });
    });
  });

  it('publishes to npm with provenance, under the planned dist-tag, with NPM_TOKEN', () => {
    const steps = job('publish').steps;
    const publish = steps[stepIndex(steps, /npm publish/)];
    expect(publish?.run).toContain('npm publish --provenance --access public --tag "$NPM_TAG"');
    expect(publish?.env).toEqual({
      NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
      NPM_TAG: '${{ needs.verify.outputs.npm-tag }}',
    });
  });

  it('never puts an expression inside a run: script (G1)', () => {
    for (const step of allSteps) expect(step.run ?? '').not.toContain('${{');
  });

  it('pins every action to a 40-hex commit (G4)', () => {
    const uses = allSteps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });
});
