import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as junit2json } from 'junit2json';
import testResultsParser from 'test-results-parser';

/**
 * JUnit readers people feed mageprobe's junit.xml to, brought to one shape so a test can ask
 * each the same questions: what counts it shows, which message a list view would print, and
 * every piece of text it exposes for a case (to see evidence is not shown twice).
 */
export interface ReadCase {
  readonly name: string;
  readonly classname: string;
  /** `failed` where the reader does not tell <failure> from <error> (test-results-parser). */
  readonly kind: 'failure' | 'error' | 'skipped' | 'pass' | 'failed';
  /** The `message` a list view shows for a failed, errored or skipped case. */
  readonly message?: string;
  /** Every text the reader keeps for the case: the outcome element's body, system-out. */
  readonly texts: readonly string[];
  readonly attachments: readonly string[];
}

export interface ReadSuite {
  readonly name: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly cases: readonly ReadCase[];
}

export interface Read {
  readonly reader: string;
  readonly root: { readonly tests: number; readonly failures: number; readonly errors: number; readonly seconds: number };
  readonly suites: readonly ReadSuite[];
}

const exec = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

/** Jenkins' published junit-10.xsd beside the repo (shared/reference) when there, else the tests' copy. */
export const JUNIT_XSD = [resolve(ROOT, '../shared/reference/junit-10.xsd'), join(ROOT, 'test/fixtures/junit-10.xsd')].find((f) => existsSync(f))!;

export async function validateJUnit(file: string): Promise<void> {
  await exec('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
}

type J2JOutcome = { message?: string; type?: string; inner?: string };
type J2JCase = { name: string; classname: string; failure?: J2JOutcome[]; error?: J2JOutcome[]; skipped?: J2JOutcome[]; 'system-out'?: string[] };
type J2JSuite = { name: string; tests: number; failures: number; errors: number; skipped: number; time: number; testcase?: J2JCase[] };

/** npm junit2json (xml2js underneath): the element tree as JSON, as BigQuery uploads and dashboards read it. */
export async function readWithJunit2json(file: string): Promise<Read> {
  const doc = (await junit2json(readFileSync(file, 'utf8'))) as unknown as {
    tests: number;
    failures: number;
    errors: number;
    time: number;
    testsuite?: J2JSuite[];
  };
  return {
    reader: 'junit2json',
    root: { tests: doc.tests, failures: doc.failures, errors: doc.errors, seconds: doc.time },
    suites: (doc.testsuite ?? []).map((s) => ({
      name: s.name,
      tests: s.tests,
      failures: s.failures,
      errors: s.errors,
      skipped: s.skipped,
      seconds: s.time,
      cases: (s.testcase ?? []).map((c): ReadCase => {
        const [kind, outcome] = c.failure
          ? (['failure', c.failure[0]] as const)
          : c.error
            ? (['error', c.error[0]] as const)
            : c.skipped
              ? (['skipped', c.skipped[0]] as const)
              : (['pass', undefined] as const);
        const texts = [...[...(c.failure ?? []), ...(c.error ?? []), ...(c.skipped ?? [])].map((o) => o.inner ?? ''), ...(c['system-out'] ?? [])];
        return { name: c.name, classname: c.classname, kind, ...(outcome?.message !== undefined ? { message: outcome.message } : {}), texts, attachments: [] };
      }),
    })),
  };
}

type TrpCase = { name: string; status: 'PASS' | 'FAIL' | 'SKIP'; failure: string; stack_trace: string; attachments: { path: string }[] };
type TrpSuite = { name: string; total: number; failed: number; errors: number; skipped: number; duration: number; cases: TrpCase[] };

/**
 * npm test-results-parser (testbeats and similar dashboards): counts a suite's total without its
 * skipped cases, lumps <failure> and <error> together as FAIL, and reads `[[ATTACHMENT|…]]` in
 * system-out as files to attach, as Jenkins and GitLab do.
 */
export function readWithTestResultsParser(file: string): Read {
  const r = testResultsParser.parse({ type: 'junit', files: [file] }) as unknown as {
    total: number;
    failed: number;
    errors: number;
    duration: number;
    suites: TrpSuite[];
  };
  return {
    reader: 'test-results-parser',
    root: { tests: r.total, failures: r.failed, errors: r.errors, seconds: r.duration / 1000 },
    suites: r.suites.map((s) => ({
      name: s.name,
      tests: s.total + s.skipped,
      failures: s.failed,
      errors: s.errors,
      skipped: s.skipped,
      seconds: s.duration / 1000,
      cases: s.cases.map(
        (c): ReadCase => ({
          name: c.name,
          classname: '',
          kind: c.status === 'FAIL' ? 'failed' : c.status === 'SKIP' ? 'skipped' : 'pass',
          ...(c.status === 'FAIL' ? { message: c.failure } : {}),
          texts: c.stack_trace ? [c.stack_trace] : [],
          attachments: c.attachments.map((a) => a.path),
        }),
      ),
    })),
  };
}

type JpSuite = {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
  cases: { name: string; classname: string; results: { kind: string; message: string | null; text: string }[]; system_out: string }[];
};

/** Debian's python3-junitparser (Python's common JUnit library, behind many CI scripts). */
export async function readWithJunitparser(file: string): Promise<Read> {
  const { stdout } = await exec('/usr/bin/python3', [join(ROOT, 'test/reporters/junitparser-read.py'), file], { maxBuffer: 64 * 1024 * 1024 });
  const doc = JSON.parse(stdout) as { root: { tests: number; failures: number; errors: number; time: number }; suites: JpSuite[] };
  return {
    reader: 'junitparser',
    root: { tests: doc.root.tests, failures: doc.root.failures, errors: doc.root.errors, seconds: doc.root.time },
    suites: doc.suites.map((s) => ({
      name: s.name,
      tests: s.tests,
      failures: s.failures,
      errors: s.errors,
      skipped: s.skipped,
      seconds: s.time,
      cases: s.cases.map((c): ReadCase => {
        const first = c.results[0];
        return {
          name: c.name,
          classname: c.classname,
          kind: first ? (first.kind as ReadCase['kind']) : 'pass',
          ...(first?.message != null ? { message: first.message } : {}),
          texts: [...c.results.map((r) => r.text), ...(c.system_out ? [c.system_out] : [])],
          attachments: [],
        };
      }),
    })),
  };
}

export async function readAll(file: string): Promise<Read[]> {
  return [await readWithJunit2json(file), readWithTestResultsParser(file), await readWithJunitparser(file)];
}
