import type { CaseRecord } from '../core/case-record.js';
import { type CaseInternalError, type InternalError, isCaseInternalError } from '../core/internal-error.js';
import { countOutcomes, type ScanResult } from '../core/results.js';
import { defuseCiMarkers, neutralise, safeLine } from '../core/safe-text.js';
import type { Outcome } from '../core/verdict.js';
import { caseText } from './evidence-text.js';

/**
 * JUnit XML (the Jenkins/xunit junit-10 schema) that auditors attach as evidence and CI servers
 * list. What each reader shows decides the layout:
 * - list views (GitLab, Azure, the GitHub action reporters) show a case's name and `message`
 *   only, so the message starts with `[severity] target (host):`; six targets' HDR-01 differ there;
 * - fail → <failure>, inconclusive → <error>, not applicable and waived → <skipped>, each with the
 *   evidence as its body and nothing else: readers show the body and <system-out> one under the
 *   other. A passed case has no such element, so its evidence is its <system-out>;
 * - one <testsuite> per target and area, classname "<target>.<area>", no `package` attribute
 *   (Jenkins would prefix it to the classname's own package: "shop.shop headers");
 * - a suite's time is the wall-clock span of its cases (they run concurrently, a sum would
 *   exceed the scan), the root's the scan's wall time;
 * - counts are those of the elements written, internal errors included.
 * A case whose check crashed is <error type="internal-error"> in its place; an interrupted scan
 * says so in every testsuite's properties.
 */
export function renderJUnit(scan: ScanResult): string {
  return [...junitChunks(scan)].join('');
}

/**
 * junit.xml in pieces (a line, a testsuite's head, a case), each ending in a newline: their
 * concatenation is renderJUnit's text. writeReports streams them to the file, so a 5,000-case
 * report never sits in memory whole, nor does a neutralised copy of every case: each target
 * and area's cases are neutralised when their testsuite is written.
 */
export function* junitChunks(scan: ScanResult): Generator<string> {
  const { cases: _cases, internalErrors: _errors, ...rest } = scan;
  const result = { ...neutralise(rest), cases: scan.cases, internalErrors: scan.internalErrors };
  const groups = new Map<string, { cases: CaseRecord[]; crashed: CaseInternalError[] }>();
  // Keyed as the neutralised case would be (its target and area as the report shows them).
  const groupOf = (c: { target: string; check: { area: string } }) => {
    const key = `${safeLine(c.target)}\u0000${safeLine(c.check.area)}`;
    if (!groups.has(key)) groups.set(key, { cases: [], crashed: [] });
    return groups.get(key)!;
  };
  for (const c of result.cases) groupOf(c).cases.push(c);
  const unplaced: InternalError[] = [];
  for (const e of result.internalErrors) {
    if (isCaseInternalError(e)) groupOf(e).crashed.push(e);
    else unplaced.push(neutralise(e));
  }
  // An internal error has no URL of its own; its target's other cases know the host.
  const urlOf = new Map(result.cases.map((c) => [safeLine(c.target), safeLine(c.url)]));

  const all = countOutcomes(result.cases);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="mageprobe" tests="${result.cases.length + result.internalErrors.length}" failures="${all.fail}" errors="${all.inconclusive + result.internalErrors.length}" time="${seconds(Date.parse(result.finishedAt) - Date.parse(result.startedAt))}">\n`;
  for (const group of groups.values()) {
    const cases = group.cases.map(neutralise);
    const crashed = group.crashed.map(neutralise);
    const first = cases[0] ?? crashed[0]!;
    const target = first.target;
    const area = first.check.area;
    const url = urlOf.get(target);
    const counts = countOutcomes(cases);
    const span = wallSpan(cases);
    const props: [string, string][] = [
      ['target', target],
      ['url', url ?? '(unknown: no case of this target finished)'],
      ['address', cases[0]?.address ?? '(resolved by DNS)'],
      ['area', area],
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
    yield lines(
      `  <testsuite name="${attr(`${target} ${area}`)}" tests="${cases.length + crashed.length}" failures="${counts.fail}" errors="${counts.inconclusive + crashed.length}" skipped="${counts['not-applicable'] + counts.waived}" time="${seconds(span?.ms ?? 0)}" timestamp="${attr(isoSeconds(span?.start ?? result.startedAt))}" hostname="${attr(result.scanner)}">`,
      '    <properties>',
      ...props.map(([n, v]) => `      <property name="${attr(n)}" value="${attr(v)}"/>`),
      '    </properties>',
    );
    for (const c of cases) yield lines(testcase(c));
    for (const e of crashed) yield lines(crashedCase(e, url));
    if (result.warnings.length) yield lines(`    <system-out>${text(result.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-out>`);
    yield '  </testsuite>\n';
  }
  if (unplaced.length) {
    yield lines(
      `  <testsuite name="mageprobe internal" tests="${unplaced.length}" failures="0" errors="${unplaced.length}" skipped="0" time="0.000">`,
      ...unplaced.map(
        (e, i) =>
          `    <testcase name="internal error ${i + 1}" classname="mageprobe.internal" time="0.000"><error message="${attr(`mageprobe: internal error: ${firstLine(e.message)}`)}" type="internal-error">${text(e.detail ?? e.message)}</error></testcase>`,
      ),
      '  </testsuite>',
    );
  }
  yield '</testsuites>\n';
}

/** Lines of the file, each ended by a newline. */
function lines(...each: string[]): string {
  return `${each.join('\n')}\n`;
}

/** The element that carries a case's outcome and evidence; a pass has none. */
const ELEMENT: Record<Outcome, 'failure' | 'error' | 'skipped' | undefined> = {
  pass: undefined,
  fail: 'failure',
  inconclusive: 'error',
  'not-applicable': 'skipped',
  waived: 'skipped',
};

/** "[high] shop-prod (shop.example.com)": what a list view must show to tell six targets apart. */
function whoAndHow(severity: string, target: string, url: string | undefined): string {
  const host = url ? hostOf(url) : undefined;
  return `[${severity}] ${target}${host && host !== target ? ` (${host})` : ''}`;
}

function testcase(c: CaseRecord): string {
  const body = text(caseText(c));
  const element = ELEMENT[c.verdict.outcome];
  // A waived verdict's message already begins "waived until …".
  const said = c.verdict.message;
  const message = `${whoAndHow(c.check.severity, c.target, c.url)}: ${said}`;
  return [
    `    <testcase name="${attr(`${c.check.id} ${c.check.title}`)}" classname="${attr(`${c.target}.${c.check.area}`)}" time="${seconds(c.durationMs)}">`,
    element ? `      <${element} message="${attr(message)}" type="${c.verdict.outcome}">${body}</${element}>` : `      <system-out>${body}</system-out>`,
    '    </testcase>',
  ].join('\n');
}

/** A case with no verdict: mageprobe's own code broke (CHECKS.md: an internal error, never a verdict). */
function crashedCase(e: CaseInternalError, url: string | undefined): string {
  const message = `${whoAndHow(e.check.severity, e.target, url)}: internal error: ${e.message}`;
  return [
    `    <testcase name="${attr(`${e.check.id} ${e.check.title}`)}" classname="${attr(`${e.target}.${e.check.area}`)}" time="0.000">`,
    `      <error message="${attr(message)}" type="internal-error">${text(e.detail ?? message)}</error>`,
    '    </testcase>',
  ].join('\n');
}

/** Earliest start to latest end of cases that ran concurrently; undefined when none ran. */
function wallSpan(cases: readonly CaseRecord[]): { start: string; ms: number } | undefined {
  if (!cases.length) return undefined;
  const starts = cases.map((c) => Date.parse(c.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...cases.map((c, i) => starts[i]! + c.durationMs));
  return { start: new Date(start).toISOString(), ms: end - start };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

// The junit-10 schema's SUREFIRE_TIME allows at most three decimals.
const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

// To the second and without a zone, as Surefire writes it; ours is UTC (the properties hold the exact times).
const isoSeconds = (iso: string) => iso.replace(/\.\d+Z$/, '');

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
