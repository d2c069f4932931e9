// The job summary: the request that was asked and the decision, as Markdown for
// $GITHUB_STEP_SUMMARY. Every value from users or GitHub is escaped (logins, reasons, titles).
import { escapeMarkdownInline } from '../core/escape.ts';
import type { ActionResult } from './run.ts';

export function renderSummary(result: ActionResult): string {
  const lines = [`### Gatehouse: ${result.decision ?? 'no decision'} (${result.mode})`, ''];
  const request = result.request;
  if (request !== undefined) {
    const target =
      request.gate.environment === undefined
        ? request.gate.kind
        : `${request.gate.kind} to ${request.gate.environment}`;
    lines.push(
      `**Request** — ${escapeMarkdownInline(request.action?.text ?? 'untitled')} (${escapeMarkdownInline(target)}, \`${request.subject.sha.slice(0, 12)}\`)`,
      '',
    );
    if (request.options.length > 0)
      lines.push(
        ...request.options.map((option) => `- \`${option.key}\` ${escapeMarkdownInline(option.name)}`),
        '',
      );
  }
  const rows: [string, string | undefined][] = [
    ['Decision', result.decision],
    ['Tier', result.tier],
    [
      'Approvers',
      result.approvers.length === 0 ? undefined : result.approvers.map((login) => `@${login}`).join(', '),
    ],
    ['Option', result.option],
    ['Modifications', result.modifications],
    ['Reason', result.reason],
    ['Decision id', result.decisionId],
    ['Approval request', result.requestUrl],
  ];
  lines.push('| | |', '|---|---|');
  for (const [name, value] of rows)
    if (value !== undefined && value !== '') lines.push(`| ${name} | ${escapeMarkdownInline(value)} |`);
  for (const note of result.notes) lines.push('', `> ${escapeMarkdownInline(note)}`);
  return `${lines.join('\n')}\n`;
}
