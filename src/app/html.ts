// HTML built from templates that escape every interpolated value, so that text from app.yml, the
// environment, a request or GitHub can never open markup. Only fragments built the same way (or
// marked trusted with `trustedHtml`) are inserted as they are.
import { escapeHtml } from '../core/audit/escape-html.ts';

export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

type Value = Html | string | number | boolean | undefined | null | readonly Value[];

function renderValue(value: Value): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map((item: Value) => renderValue(item)).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** A fragment of HTML: the template's text as it is, each value escaped (fragments inserted whole). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Markup written in the code itself (a style sheet): never text that came from outside. */
export function trustedHtml(text: string): Html {
  return new Html(text);
}
