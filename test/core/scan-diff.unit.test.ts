import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import { randomId, randomToken } from '../../core/random-token.js';
import { exitCodeFor, type ScanResult } from '../../core/results.js';
import { neutralise } from '../../core/safe-text.js';
import { diffScans, newFailures, verdictDigest } from '../../core/scan-diff.js';
import { fail, inconclusive, notApplicable, pass, type Verdict } from '../../core/verdict.js';

const check = (id: string) => CHECKS.find((c) => c.id === id)!;
const at = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-02-01T12:34:56Z');

/** A header exchange as the HTTP probe records it, with the fields that differ between scans. */
const seen = (xfo: string | undefined, when = at, random = 'a1b2c3d4e5f6') =>
  evidence(
    `GET https://shop/mp${random}-missing → 404`,
    {
      status: 404,
      headers: { date: when.toUTCString(), 'set-cookie': [`PHPSESSID=${random}`], ...(xfo ? { 'x-frame-options': xfo } : {}) },
      bodySha256: random,
      bodyExcerpt: `form_key ${random}`,
      elapsedMs: when.getTime() % 997,
    },
    '127.0.0.1',
    when,
  );

const rec = (target: string, id: string, verdict: Verdict): CaseRecord => ({
  target,
  url: `https://${target}/`,
  check: check(id),
  verdict,
  startedAt: at.toISOString(),
  durationMs: 5,
});
const waived = (underlying: Exclude<Verdict, { outcome: 'waived' }>): Verdict => ({
  outcome: 'waived',
  message: `waived: ${underlying.message}`,
  evidence: underlying.evidence,
  justification: 'legacy iframe checkout until Q3',
  expires: '2026-06-30',
  underlying,
});
const source = { path: '/prev/results.json', sha256: 'ab'.repeat(32), startedAt: at.toISOString() };
const scope = (cases: readonly CaseRecord[]) => ({ targets: [...new Set(cases.map((c) => c.target))], checks: CHECKS.map((c) => c.id) });
const diff = (now: readonly CaseRecord[], before: readonly CaseRecord[], scanned = scope(now)) => diffScans(now, before, scanned, source);
const statusOf = (d: ReturnType<typeof diff>) => Object.fromEntries(d.cases.map((c) => [`${c.target} ${c.check}`, c.status]));

describe('verdictDigest', () => {
  it('ignores times, durations, dynamic bodies, Date/Set-Cookie and the random not-found path', () => {
    const a = pass('XFO is DENY', [seen('DENY', at, 'a1b2c3d4e5f6')]);
    const b = pass('XFO is DENY', [seen('DENY', later, '0f9e8d7c6b5a')]);
    expect(verdictDigest(a)).toBe(verdictDigest(b));
  });

  it('ignores the random tokens and IDs the Magento and method probes put into paths (core/random-token.ts)', () => {
    const probe = (path: string) => fail('stack trace disclosed', [evidence(`GET https://shop${path} → 500`, { url: `https://shop${path}` }, undefined, at)]);
    const a = probe(`/catalog/product/view/id/${randomId()}?q=${randomToken(6)}`);
    const b = probe(`/catalog/product/view/id/${randomId()}?q=${randomToken(6)}`);
    expect(verdictDigest(a)).toBe(verdictDigest(b));
    // A store's own number of another length still counts.
    expect(verdictDigest(probe('/sales/order/view/order_id/1234'))).not.toBe(verdictDigest(probe('/sales/order/view/order_id/1235')));
  });

  it('changes with a fact the server showed, the message or the outcome', () => {
    const base = verdictDigest(pass('XFO is DENY', [seen('DENY')]));
    expect(verdictDigest(pass('XFO is DENY', [seen('SAMEORIGIN')]))).not.toBe(base);
    expect(verdictDigest(pass('XFO is deny', [seen('DENY')]))).not.toBe(base);
    expect(verdictDigest(fail('XFO is DENY', [seen('DENY')]))).not.toBe(base);
  });

  it('is the same for a verdict and its copy read back from results.json (neutralised, through JSON)', () => {
    const v = fail('banner\u0007 nginx/1.18', [evidence('GET /', { server: 'nginx/1.18\u001b[2J', missing: undefined }, undefined, at)]);
    const readBack = JSON.parse(JSON.stringify(neutralise(v))) as Verdict;
    expect(readBack.message).not.toBe(v.message);
    expect(verdictDigest(readBack)).toBe(verdictDigest(v));
  });
});

describe('diffScans', () => {
  const before = [
    rec('shop', 'HDR-01', fail('XFO absent', [seen(undefined)])),
    rec('shop', 'HDR-02', pass('nosniff', [seen('DENY')])),
    rec('shop', 'HDR-07', pass('no versions', [seen('DENY')])),
    rec('shop', 'TLS-07', fail('weak', [seen(undefined)])),
    rec('shop', 'MAG-02', waived(fail('framable', [seen(undefined)]) as Exclude<Verdict, { outcome: 'waived' }>)),
    rec('old-shop', 'HDR-01', fail('XFO absent', [seen(undefined)])),
  ];

  it('marks new, changed, resolved and unchanged by (target, check ID), and counts them', () => {
    const now = [
      rec('shop', 'HDR-01', pass('XFO DENY', [seen('DENY', later)])), // resolved
      rec('shop', 'HDR-02', pass('nosniff', [seen('DENY', later, 'ffffffffffff')])), // unchanged: only volatile fields differ
      rec('shop', 'HDR-07', fail('nginx/1.18 disclosed', [seen('DENY', later)])), // changed pass → fail
      rec('shop', 'TLS-07', inconclusive('timed out')), // fail → inconclusive is changed, never resolved
      rec('shop', 'MAG-02', fail('framable', [seen(undefined, later)])), // waiver expired: changed
      rec('shop', 'HDR-03', fail('no HSTS', [seen(undefined)])), // new
    ];
    const d = diff(now, before);
    expect(statusOf(d)).toEqual({
      'shop HDR-01': 'resolved',
      'shop HDR-07': 'changed',
      'shop TLS-07': 'changed',
      'shop MAG-02': 'changed',
      'shop HDR-03': 'new',
    });
    expect(d.counts).toEqual({ new: 1, changed: 3, resolved: 1, gone: 0, unchanged: 1 });
    expect(d.baseline).toEqual(source);
    const mag = d.cases.find((c) => c.check === 'MAG-02')!;
    expect([mag.baselineOutcome, mag.outcome, mag.newFailure]).toEqual(['waived', 'fail', true]);
    // old-shop was not scanned this time: not compared, not "gone".
    expect(d.cases.some((c) => c.target === 'old-shop')).toBe(false);
    expect(
      newFailures(d, 'info')
        .map((c) => c.check)
        .sort(),
    ).toEqual(['HDR-03', 'HDR-07', 'MAG-02']);
  });

  it('a failure with other evidence is changed but not a new failure; not-applicable after a failure is resolved', () => {
    const now = [rec('shop', 'HDR-01', fail('XFO is ALLOWALL', [seen('ALLOWALL')])), rec('shop', 'TLS-07', notApplicable('no TLS port'))];
    const d = diff(now, before, { targets: ['shop'], checks: ['HDR-01', 'TLS-07'] });
    expect(statusOf(d)).toEqual({ 'shop HDR-01': 'changed', 'shop TLS-07': 'resolved' });
    expect(newFailures(d, 'info')).toEqual([]);
  });

  it('a baseline case of a scanned target and check that has no case now is gone', () => {
    const d = diff([rec('shop', 'HDR-02', pass('nosniff', [seen('DENY')]))], before, { targets: ['shop'], checks: ['HDR-01', 'HDR-02'] });
    expect(statusOf(d)).toEqual({ 'shop HDR-01': 'gone' });
    expect(d.cases[0]).toMatchObject({ baselineOutcome: 'fail', newFailure: false });
    expect(d.cases[0]!.outcome).toBeUndefined();
  });

  it('newFailures keeps only those at or above the minimum severity', () => {
    const now = [rec('shop', 'HDR-07', fail('versions', [seen('DENY')])), rec('shop', 'HDR-01', fail('XFO absent', [seen(undefined)]))];
    const d = diff(now, []);
    expect([check('HDR-07').severity, check('HDR-01').severity]).toEqual(['low', 'medium']);
    expect(
      newFailures(d, 'low')
        .map((c) => c.check)
        .sort(),
    ).toEqual(['HDR-01', 'HDR-07']);
    expect(newFailures(d, 'medium').map((c) => c.check)).toEqual(['HDR-01']);
    expect(newFailures(d, 'high')).toEqual([]);
  });
});

describe('exitCodeFor with a fail policy', () => {
  const result = (cases: CaseRecord[], before: CaseRecord[]): ScanResult => ({
    tool: { name: 'mageprobe', version: '0' },
    startedAt: at.toISOString(),
    finishedAt: later.toISOString(),
    scanner: 'test',
    cases,
    internalErrors: [],
    warnings: [],
    changes: diff(cases, before),
  });
  const oldFailure = rec('shop', 'HDR-01', fail('XFO absent', [seen(undefined)]));

  it('--fail-on new: an old failure exits 0, a new one 1, an inconclusive still 3', () => {
    expect(exitCodeFor(result([oldFailure], [oldFailure]), { failOn: 'any', minSeverity: 'info' })).toBe(1);
    expect(exitCodeFor(result([oldFailure], [oldFailure]), { failOn: 'new', minSeverity: 'info' })).toBe(0);
    expect(exitCodeFor(result([oldFailure], []), { failOn: 'new', minSeverity: 'info' })).toBe(1);
    const timedOut = rec('shop', 'HDR-02', inconclusive('timed out'));
    expect(exitCodeFor(result([oldFailure, timedOut], [oldFailure]), { failOn: 'new', minSeverity: 'info' })).toBe(3);
  });

  it('--min-severity: failures below it do not exit 1 (medium HDR-01 under high)', () => {
    expect(check('HDR-01').severity).toBe('medium');
    expect(exitCodeFor(result([oldFailure], []), { failOn: 'any', minSeverity: 'high' })).toBe(0);
    expect(exitCodeFor(result([oldFailure], []), { failOn: 'new', minSeverity: 'high' })).toBe(0);
    expect(exitCodeFor(result([oldFailure], []), { failOn: 'any', minSeverity: 'medium' })).toBe(1);
  });

  it('an internal error exits 4 whatever the policy', () => {
    const r = { ...result([oldFailure], [oldFailure]), internalErrors: [{ message: 'TypeError' }] };
    expect(exitCodeFor(r, { failOn: 'new', minSeverity: 'critical' })).toBe(4);
  });
});
