import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import { REMEDIATION } from '../../catalogue/remediation.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { fail, pass } from '../../core/verdict.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJson } from '../../reporters/json.js';

// Two targets fail HDR-01, one passes HDR-02 and TLS-05 crashed: results.json holds each
// scanned check's remediation once, report.html shows it once per failing check.
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
    const json = JSON.parse(renderJson(result)) as ScanResult & {
      checks: Record<string, { why: string; fix: string; references: { label: string; url?: string }[] }>;
    };
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

  it('report.html shows why, fix and references once per failing check, above every target it fails on, and nowhere else', () => {
    const html = renderHtml(result);
    const findings = html.split('<section class="finding"').slice(1);
    expect(findings).toHaveLength(1);
    const hdr01 = findings[0]!;
    expect(hdr01).toContain('<b>HDR-01</b> X-Frame-Options restricts framing');
    expect(hdr01).toContain('fails on 2 of 2 targets');
    expect(hdr01).toContain('<b>Why it matters:</b> A page that any site can frame');
    expect(hdr01).toContain('<b>Fix:</b> nginx: <code>add_header X-Frame-Options &quot;SAMEORIGIN&quot; always;</code>');
    expect(hdr01).toContain('<a href="https://cwe.mitre.org/data/definitions/1021.html">CWE-1021</a>');
    expect(hdr01).toContain('OWASP ASVS 5.0.0 3.4.6');
    // Both failing targets under it, each with its message.
    expect(hdr01.match(/<li><details id="f\d+"><summary><a href="#t\d">(shop|shop-eu)<\/a> \(\1\.example\.test\): X-Frame-Options is absent/g)).toHaveLength(2);
    // The fix once for both targets, and none for the passing HDR-02.
    expect(html.match(/class="fix"/g)).toHaveLength(1);
    expect(html.match(/Why it matters/g)).toHaveLength(1);
  });
});
