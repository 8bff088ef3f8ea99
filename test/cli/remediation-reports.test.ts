import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import { REMEDIATION } from '../../catalogue/remediation.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { fail, pass } from '../../core/verdict.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJson } from '../../reporters/json.js';

// Two targets fail HDR-01, one passes HDR-02 and TLS-05 crashed: results.json holds each
// scanned check's remediation once, report.html shows it under failing cases only.
describe('remediation in results.json and report.html', () => {
  const at = '2026-09-17T10:00:00.000Z';
  const seen = [evidence('GET / → 200', {})] as const;
  const caseOf = (target: string, id: string, verdict: ScanResult['cases'][number]['verdict']) => ({
    target,
    url: `https://${target}.example.test/`,
    check: checkSpec(id),
    verdict,
    startedAt: at,
    durationMs: 5,
  });
  const result: ScanResult = {
    tool: { name: 'mageprobe', version: '0.1.0' },
    startedAt: at,
    finishedAt: at,
    scanner: 'lab',
    cases: [
      caseOf('shop', 'HDR-01', fail('X-Frame-Options is absent: the store can be framed', [...seen])),
      caseOf('shop-eu', 'HDR-01', fail('X-Frame-Options is absent: the store can be framed', [...seen])),
      caseOf('shop', 'HDR-02', pass('nosniff', [...seen])),
    ],
    internalErrors: [{ target: 'shop', check: checkSpec('TLS-05'), message: 'TypeError: boom' }],
    warnings: [],
  };

  it('results.json carries a checks map: once per scanned check, with labelled and linked references', () => {
    const json = JSON.parse(renderJson(result)) as ScanResult & { checks: Record<string, { why: string; fix: string; references: { label: string; url?: string }[] }> };
    expect(Object.keys(json.checks).sort()).toEqual(['HDR-01', 'HDR-02', 'TLS-05']);
    expect(json.checks['HDR-01']!.why).toBe(REMEDIATION['HDR-01']!.why);
    expect(json.checks['HDR-01']!.fix).toBe(REMEDIATION['HDR-01']!.fix);
    expect(json.checks['HDR-01']!.references).toContainEqual({
      standard: 'CWE',
      id: 'CWE-1021',
      label: 'CWE-1021',
      url: 'https://cwe.mitre.org/data/definitions/1021.html',
    });
    expect(json.cases).toHaveLength(3);
  });

  it('report.html shows why, fix and references under each failing case and nowhere else', () => {
    const html = renderHtml(result);
    const rows = html.split('<tr>').slice(2); // after the header row
    const hdr01 = rows.filter((r) => r.includes('<b>HDR-01</b>'));
    expect(hdr01).toHaveLength(2);
    for (const row of hdr01) {
      expect(row).toContain('<b>Why it matters:</b> A page that any site can frame');
      expect(row).toContain('<b>Fix:</b> nginx: <code>add_header X-Frame-Options &quot;SAMEORIGIN&quot; always;</code>');
      expect(row).toContain('<a href="https://cwe.mitre.org/data/definitions/1021.html">CWE-1021</a>');
      expect(row).toContain('OWASP ASVS 5.0.0 3.4.6');
    }
    const passed = rows.find((r) => r.includes('<b>HDR-02</b>'))!;
    expect(passed).not.toContain('Why it matters');
    expect(html.match(/class="fix"/g)).toHaveLength(2);
  });
});
