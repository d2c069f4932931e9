// The audit of the decision log (`gatehouse audit`, docs/audit.md): one report, four renderings.
export * from './audit-report.ts';
export { type AuditOptions, createAuditReport } from './create-audit-report.ts';
export { isGateCheckName } from './evaluate-check-runs.ts';
export { renderAuditCsv } from './render-audit-csv.ts';
export { renderAuditHtml } from './render-audit-html.ts';
export { renderAuditJson } from './render-audit-json.ts';
export { renderAuditMarkdown } from './render-audit-markdown.ts';
