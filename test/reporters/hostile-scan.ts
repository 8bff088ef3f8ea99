import { checkSpec } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import type { Verdict } from '../../core/verdict.js';

/**
 * A scan result full of what a hostile server can put in its answers: markup that would run
 * script if it were markup (each sets window.__pwned to its number), a style-sheet breaker,
 * bidi controls, GitLab's attachment marker and a 5000-character token with no break in it.
 */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '</style><script>window.__pwned=2</script>',
  '<img src=x onerror="window.__pwned=3">',
  '"><svg onload="window.__pwned=4">',
  '</pre></details></td></tr></table><script>window.__pwned=5</script>',
  '<a href="javascript:window.__pwned=6">x</a><iframe src="http://127.0.0.1:9/"></iframe><link rel=stylesheet href="http://127.0.0.1:9/x.css">',
  '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">',
  '[[ATTACHMENT|/etc/passwd]] \u202etxt.exe\u202c',
] as const;
export const LONG_TOKEN = 'A'.repeat(5000);
/**
 * What could end or derail a container that carries markup inert (a <script> data block, a
 * comment, CDATA, a JSON or NUL-separated string): with PAYLOADS in every observation.
 */
export const INERT_BREAKERS = ['</script><script>window.__pwned=9</script>', '<!--<script>', '-->', ']]>', '\u2028', '\u0000'] as const;

const at = new Date('2026-11-30T10:00:00.000Z');
const hostileEvidence = (host: string) =>
  evidence(
    `GET https://${host}/ → 200 ${PAYLOADS[0]}`,
    {
      status: 200,
      headers: { server: `nginx ${PAYLOADS[1]}`, [`x-${PAYLOADS[3]}`]: PAYLOADS[2], 'set-cookie': [PAYLOADS[4], LONG_TOKEN] },
      bodyExcerpt: `<html>\n${PAYLOADS.join('\n')}\n${INERT_BREAKERS.join('\n')}\n${LONG_TOKEN}\n</html>`,
    },
    '127.0.0.1:443',
    at,
  );

function caseOf(target: string, id: string, verdict: Verdict): CaseRecord {
  return {
    target,
    url: `https://${target.replace(/[^a-z0-9-]/g, '')}.example.test/`,
    check: checkSpec(id),
    verdict,
    startedAt: at.toISOString(),
    durationMs: 3,
  };
}

/**
 * Three targets (one named with markup), every outcome, an internal error, a warning, changes:
 * every section of the page. `more` targets after them (shop-d…) make a large report, whose folded sections are packed.
 */
export function hostileScan(more = 0): ScanResult {
  const names = ['shop-a', 'shop-b', `shop-c ${PAYLOADS[0]}`, ...Array.from({ length: more }, (_, i) => `shop-${String.fromCharCode(100 + i)}`)];
  const cases = names.flatMap((t, i) => {
    const seen = [hostileEvidence(`${t}.example.test`)] as const;
    return [
      caseOf(t, 'HDR-01', { outcome: 'fail', message: `X-Frame-Options is absent ${PAYLOADS[i % PAYLOADS.length]}`, evidence: [...seen] }),
      caseOf(t, 'HDR-02', { outcome: 'pass', message: `nosniff ${PAYLOADS[(i + 3) % PAYLOADS.length]}`, evidence: [...seen] }),
      caseOf(t, 'HDR-07', { outcome: 'fail', message: `headers disclose software: server: ${PAYLOADS[1]} ${LONG_TOKEN}`, evidence: [...seen] }),
      caseOf(t, 'TLS-01', { outcome: 'inconclusive', message: `garbage answer ${PAYLOADS[5]}`, evidence: [] }),
      caseOf(t, 'PATH-01', {
        outcome: 'waived',
        message: `waived: ${PAYLOADS[6]}`,
        evidence: [...seen],
        justification: `accepted ${PAYLOADS[2]}`,
        expires: '2027-01-31',
        underlying: { outcome: 'fail', message: `.git served ${PAYLOADS[7]}`, evidence: [...seen] },
      }),
      caseOf(t, 'NET-02', { outcome: 'not-applicable', message: `no database port ${PAYLOADS[7]}`, evidence: [] }),
    ];
  });
  return {
    tool: { name: 'mageprobe', version: '0.1.0' },
    startedAt: at.toISOString(),
    finishedAt: '2026-11-30T10:02:00.000Z',
    scanner: `runner ${PAYLOADS[2]}`,
    cases,
    internalErrors: [{ target: 'shop-b', check: checkSpec('SSH-03'), message: `TypeError: ${PAYLOADS[0]}`, detail: `TypeError\n    at ${PAYLOADS[4]}` }],
    warnings: [`release table stale ${PAYLOADS[1]}`],
    targetsFile: { path: `/srv/${PAYLOADS[3]}/targets.yaml`, sha256: 'ab'.repeat(32) },
    changes: {
      baseline: { path: `/prev/${PAYLOADS[0]}/results.json`, sha256: 'cd'.repeat(32), startedAt: '2026-11-29T10:00:00.000Z' },
      counts: { new: 1, changed: 1, resolved: 0, gone: 0, unchanged: 16 },
      cases: [
        { target: names[2]!, check: 'HDR-01', severity: 'medium', status: 'new', outcome: 'fail', newFailure: true },
        { target: 'shop-a', check: 'HDR-07', severity: 'low', status: 'changed', outcome: 'fail', baselineOutcome: 'pass', newFailure: true },
      ],
    },
  };
}
