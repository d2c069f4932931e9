// The options of a request (`Options` section, front matter `options:`) and the first text given
// among several: read the same from a spec file and from a pull request's description. Apart from
// spec.ts so that building a request loads no YAML or schema library (`gatehouse plan` starts
// faster without them when it needs neither).
import { parseListItems, type Section } from './markdown-sections.ts';
import type { RequestOption, SourcedText } from './model.ts';

/** The options listed in an `Options` section, one per top-level list item. */
export function parseOptionsSection(section: Pick<Section, 'text'>): RequestOption[] {
  return createOptions(
    parseListItems(section.text)
      .map(parseOption)
      .filter((option) => option.name !== ''),
  );
}

/**
 * One option as people write it: `**Approve**: description`, `Approve — description`,
 * `a) Approve: description`, or just `Approve`. A leading letter label is dropped: keys are
 * given by position.
 */
export function parseOption(text: string): { name: string; description: string } {
  const label = /^(?:\*\*|__)?(?:\([a-z]\)|[a-z][.)])(?:\*\*|__)?\s+/i;
  const rest = text.trim().replace(label, '');
  const bold = /^(\*\*|__)(.+?)\1\s*(.*)$/.exec(rest);
  if (bold !== null) {
    return {
      name: cleanName((bold[2] ?? '').replace(label, '')),
      description: (bold[3] ?? '').replace(/^(?::|\s-|-|—|–)\s*/, '').trim(),
    };
  }
  const separator = /:(?:\s+|$)|\s+-\s+|\s*[—–]\s*/.exec(rest);
  if (separator === null) return { name: cleanName(rest), description: '' };
  return {
    name: cleanName(rest.slice(0, separator.index)),
    description: rest.slice(separator.index + separator[0].length).trim(),
  };
}

/** Options with keys `a`, `b`, … `z`, `aa`, `ab`, … in order. */
export function createOptions(options: { name: string; description: string }[]): RequestOption[] {
  return options.map((option, index) => ({ key: optionKey(index), ...option }));
}

function optionKey(index: number): string {
  let key = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    key = String.fromCharCode(97 + ((rest - 1) % 26)) + key;
  }
  return key;
}

function cleanName(name: string): string {
  return name
    .trim()
    .replace(/:$/, '')
    .replace(/^[*_`]+|[*_`]+$/g, '')
    .trim();
}

/** The first text that is not blank, else the first one given. */
export function pickText(...candidates: (SourcedText | undefined)[]): SourcedText | undefined {
  return (
    candidates.find((candidate) => candidate !== undefined && candidate.text.trim() !== '') ??
    candidates.find((c) => c !== undefined)
  );
}
