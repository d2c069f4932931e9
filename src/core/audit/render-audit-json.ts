// The report as JSON: the documented, versioned shape (docs/audit.md, "The JSON report").
import type { AuditReport } from './audit-report.ts';

export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
