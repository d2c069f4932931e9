// Text from the log placed in the HTML report: every character that could open markup or leave
// an attribute is an entity, and controls (invalid in HTML) and bidi controls (which could
// reorder what an auditor reads) are removed.
import { BIDI_CONTROLS } from '../escape.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const CONTROLS = /(?![\t\n\r])\p{Cc}/gu;

export function escapeHtml(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(/[&<>"']/g, (char) => ENTITIES[char] ?? '');
}
