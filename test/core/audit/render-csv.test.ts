import { describe, expect, it } from 'vitest';
import { renderAuditCsv } from '../../../src/core/audit/index.ts';
import { aSmallReport } from './sample-report.ts';

/** RFC 4180 fields of a CSV text, enough to check one: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

describe('the CSV report', () => {
  it('has one row per record, RFC 4180 quoted, with CRLF line ends', () => {
    const text = renderAuditCsv(aSmallReport());
    expect(text.split('\r\n')).toHaveLength(4);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text).toMatchInlineSnapshot(`
      "id,decided_at,requested_at,decision,gate,gate_kind,environment,repository,sha,pull_request,action,kind,missing,tier,level,rules,approvers,rejected_by,modified_by,latency_seconds,changed_files,precedent,option,reason,findings,path,commit
      e0a14db64a5fde1a7e8a3937,2026-03-02T10:01:30Z,2026-03-02T10:00:00Z,approved,gatehouse: production,deployment,production,acme/shop,c0ffee0000000000000000000000000000000001,7,Add an index on orders.created_at,,context; risk_assessment,approve,approve,migrations,alice (1) at 2026-03-02T10:01:30Z via comment,,,90,12,first_time,,,,decisions/2026/03/e0a14db64a5fde1a7e8a3937.md,
      cd158f49aaf8bc21ad2ee629,2026-03-10T09:45:00Z,2026-03-10T09:00:00Z,rejected,gatehouse,pull_request,,acme/shop,c0ffee0000000000000000000000000000000002,8,Relax the production rule,,context; risk_assessment,approve,approve,gatehouse-config,,carol (3),,2700,3,first_time,,collides with the nightly export | see #12,,decisions/2026/03/cd158f49aaf8bc21ad2ee629.md,
      "
    `);
  });

  it('makes cells a spreadsheet would run as formulas into text', () => {
    const rows = parseCsv(renderAuditCsv(aSmallReport({ hostile: true })));
    const header = rows[0] ?? [];
    const cell = (row: number, name: string) => rows[row]?.[header.indexOf(name)];
    expect(cell(1, 'action')).toBe(`'=HYPERLINK("https://evil.example") <img src=x onerror=alert(1)>`);
    expect(cell(1, 'approvers')).toBe(
      '<img src=x onerror=alert(1)> (66) at 2026-03-02T10:01:30Z via comment',
    );
    expect(cell(2, 'reason')).toBe('<img src=x onerror=alert(1)> | @everyone\n-2+3');
    for (const row of rows.slice(1)) {
      for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', '"\'\rcmd"'],
    ['a "quote", and a comma', '"a ""quote"", and a comma"'],
  ])('writes the reason %j as %j', (reason, cell) => {
    const report = aSmallReport();
    const row = report.records[1];
    if (row) row.reason = reason;
    const line = renderAuditCsv(report).split('\r\n')[2] ?? '';
    expect(line).toContain(`,${cell},`);
  });
});
