import type { CaseRecord } from '../core/case-record.js';
import { isCaseInternalError, type CaseInternalError, type InternalError } from '../core/internal-error.js';
import { countOutcomes, type ScanResult } from '../core/results.js';
import { defuseCiMarkers, neutralise } from '../core/safe-text.js';
import { caseText } from './evidence-text.js';

/**
 * JUnit XML (the Jenkins/xunit junit-10 schema) that auditors attach as evidence:
 * fail → <failure>, inconclusive → <error>, not applicable and waived → <skipped>, each
 * with its message; the full evidence in the message's body and in <system-out>, since
 * GitLab ignores properties. One <testsuite> per target and area; classname "<target>.<area>".
 * A case whose check crashed is <error type="internal-error"> in its place; an interrupted scan
 * says so in every testsuite's properties.
 */
export function renderJUnit(scan: ScanResult): string {
  const result = neutralise(scan);
  const groups = new Map<string, CaseRecord[]>();
  const crashedIn = new Map<string, CaseInternalError[]>();
  const keyOf = (c: { target: string; check: { area: string } }) => `${c.target}\u0000${c.check.area}`;
  for (const c of result.cases) {
    const key = keyOf(c);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const unplaced: InternalError[] = [];
  for (const e of result.internalErrors) {
    if (!isCaseInternalError(e)) {
      unplaced.push(e);
      continue;
    }
    if (!groups.has(keyOf(e))) groups.set(keyOf(e), []);
    crashedIn.set(keyOf(e), [...(crashedIn.get(keyOf(e)) ?? []), e]);
  }
  const all = countOutcomes(result.cases);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const totalMs = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mageprobe" tests="${result.cases.length + result.internalErrors.length}" failures="${all.fail}" errors="${all.inconclusive + result.internalErrors.length}" time="${seconds(totalMs)}">`,
  ];
  for (const [key, cases] of groups) {
    const crashed = crashedIn.get(key) ?? [];
    const first = cases[0] ?? { ...crashed[0]!, url: '', address: undefined, startedAt: result.startedAt };
    const counts = countOutcomes(cases);
    const props: [string, string][] = [
      ['target', first.target],
      ['url', first.url],
      ['address', first.address ?? '(resolved by DNS)'],
      ['area', first.check.area],
      ['scanner', result.scanner],
      ...result.warnings.map((w): [string, string] => ['warning', w]),
      ...(result.interrupted ? [['interrupted', `${result.interrupted.signal} at ${result.interrupted.at}`] as [string, string]] : []),
      ...cases.flatMap((c): [string, string][] => [
        [`${c.check.id}.outcome`, c.verdict.outcome],
        [`${c.check.id}.severity`, c.check.severity],
        [`${c.check.id}.source`, c.check.source],
      ]),
      ...crashed.map((e): [string, string] => [`${e.check.id}.outcome`, 'internal-error']),
    ];
    out.push(
      `  <testsuite name="${attr(`${first.target} ${first.check.area}`)}" package="${attr(first.target)}" tests="${cases.length + crashed.length}" failures="${counts.fail}" errors="${counts.inconclusive + crashed.length}" skipped="${counts['not-applicable'] + counts.waived}" time="${seconds(cases.reduce((s, c) => s + c.durationMs, 0))}" timestamp="${attr(first.startedAt.replace(/\.\d+Z$/, ''))}" hostname="${attr(result.scanner)}">`,
      '    <properties>',
      ...props.map(([n, v]) => `      <property name="${attr(n)}" value="${attr(v)}"/>`),
      '    </properties>',
    );
    for (const c of cases) out.push(testcase(c, seconds(c.durationMs)));
    for (const e of crashed) out.push(crashedCase(e));
    if (result.warnings.length) out.push(`    <system-out>${text(result.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-out>`);
    out.push('  </testsuite>');
  }
  if (unplaced.length) {
    out.push(`  <testsuite name="mageprobe internal" tests="${unplaced.length}" failures="0" errors="${unplaced.length}">`);
    unplaced.forEach((e, i) =>
      out.push(`    <testcase name="internal error ${i + 1}" classname="mageprobe.internal"><error message="${attr(firstLine(e.message))}" type="internal-error">${text(e.detail ?? e.message)}</error></testcase>`),
    );
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

const ELEMENT: Record<CaseRecord['verdict']['outcome'], string | undefined> = {
  pass: undefined,
  fail: 'failure',
  inconclusive: 'error',
  'not-applicable': 'skipped',
  waived: 'skipped',
};

function testcase(c: CaseRecord, time: string): string {
  const body = caseText(c);
  const element = ELEMENT[c.verdict.outcome];
  const message = c.verdict.outcome === 'waived' ? `waived: ${c.verdict.message}` : c.verdict.message;
  const verdictXml = element ? `\n      <${element} message="${attr(message)}" type="${c.verdict.outcome}">${text(body)}</${element}>` : '';
  return [
    `    <testcase name="${attr(`${c.check.id} ${c.check.title}`)}" classname="${attr(`${c.target}.${c.check.area}`)}" time="${time}">${verdictXml}`,
    `      <system-out>${text(body)}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

/** A case with no verdict: mageprobe's own code broke (CHECKS.md: an internal error, never a verdict). */
function crashedCase(e: CaseInternalError): string {
  const message = `internal error: ${e.message}`;
  return [
    `    <testcase name="${attr(`${e.check.id} ${e.check.title}`)}" classname="${attr(`${e.target}.${e.check.area}`)}" time="0.000">`,
    `      <error message="${attr(message)}" type="internal-error">${text(e.detail ?? message)}</error>`,
    '    </testcase>',
  ].join('\n');
}

// XML 1.0 §2.2 forbids most control characters even when escaped; `neutralise` has already shown
// them as escapes, this keeps the file well-formed should anything slip past.
const INVALID_XML = /[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function text(s: string): string {
  return defuseCiMarkers(s).replace(INVALID_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
