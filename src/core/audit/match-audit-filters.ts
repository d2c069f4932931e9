// Which records a report shows. Names (gate, environment, rule) match case-insensitively, exactly
// or as a glob where `*` is any run of characters and `?` one character; nothing else is special,
// so a check name such as `gatehouse: production` needs no quoting beyond the shell's.
import type { DecisionRecord } from '../decision-record.ts';
import type { AuditFilters } from './audit-report.ts';

type NameTest = (name: string) => boolean;

function createNameTest(pattern: string): NameTest {
  const wanted = pattern.toLowerCase();
  if (!/[*?]/.test(wanted)) return (name) => name.toLowerCase() === wanted;
  const source = wanted
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (name) => regex.test(name.toLowerCase());
}

function parseTime(name: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`audit filter ${name}: not an ISO time: ${value}`);
  return ms;
}

/**
 * The test a record must pass to be shown. Invalid times throw: the adapter validates what
 * people type before it gets here.
 */
export function createAuditFilter(filters: AuditFilters): (record: DecisionRecord) => boolean {
  const since = filters.since === undefined ? undefined : parseTime('since', filters.since);
  const until = filters.until === undefined ? undefined : parseTime('until', filters.until);
  const gate = filters.gate === undefined ? undefined : createNameTest(filters.gate);
  const environment = filters.environment === undefined ? undefined : createNameTest(filters.environment);
  const rule = filters.rule === undefined ? undefined : createNameTest(filters.rule);
  const approver = filters.approver?.replace(/^@/, '').toLowerCase();
  const { decision } = filters;
  return (record) => {
    if (since !== undefined || until !== undefined) {
      const decidedAt = Date.parse(record.times.decided_at);
      if (since !== undefined && decidedAt < since) return false;
      if (until !== undefined && decidedAt > until) return false;
    }
    if (decision !== undefined && record.decision !== decision) return false;
    if (gate && !gate(record.gate.check) && !gate(record.gate.kind)) return false;
    if (environment && (record.gate.environment === undefined || !environment(record.gate.environment)))
      return false;
    if (rule && !record.rules.some(rule)) return false;
    if (approver !== undefined && !record.approvers.some((entry) => entry.login.toLowerCase() === approver))
      return false;
    return true;
  };
}
