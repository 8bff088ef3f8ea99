import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type Read, readAll, validateJUnit } from './readers.js';

/** What a junit.xml holds, counted from its elements (independent of any reader). */
export function elementsOf(xml: string) {
  const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
  const suites = xml
    .split(/(?=<testsuite )/)
    .slice(1)
    .map((s) => ({
      name: /^<testsuite name="([^"]*)"/.exec(s)![1]!.replace(/&amp;/g, '&'),
      tests: count(s, /<testcase /g),
      failures: count(s, /<failure /g),
      errors: count(s, /<error /g),
      skipped: count(s, /<skipped /g),
    }));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[k], 0);
  return { suites, tests: sum('tests'), failures: sum('failures'), errors: sum('errors') };
}

// "[high] shop-prod (shop.example.com): …": severity, target, and the host when it is not the target's name.
const MESSAGE = /^\[(critical|high|medium|low|info)\] (\S+?)(?: \(([^)\s]+)\))?: \S/;

export interface Expect {
  /** target name → host its messages must name; a target missing here must not name a host. */
  readonly hosts: ReadonlyMap<string, string>;
  /** The scan's wall time measured outside mageprobe, in seconds: no duration may exceed it. */
  readonly wallSeconds?: number;
}

/**
 * Asserts what every reader must show of a mageprobe junit.xml: it validates against junit-10;
 * counts equal the elements; each failure, error and skip message names severity, target and
 * host; a case's evidence appears once; suite times are spans within the scan's time.
 * Returns what the readers read, for the caller's own checks.
 */
export async function expectReadsRight(file: string, want: Expect): Promise<Read[]> {
  await validateJUnit(file);
  const xml = readFileSync(file, 'utf8');
  expect(xml).not.toMatch(/<testsuite [^>]*\bpackage=/);
  const truth = elementsOf(xml);
  expect(truth.tests).toBeGreaterThan(0);
  const reads = await readAll(file);
  for (const read of reads) {
    const who = read.reader;
    expect(read.root, who).toMatchObject({ tests: truth.tests, failures: truth.failures, errors: truth.errors });
    expect(
      read.suites.map((s) => s.name),
      who,
    ).toEqual(truth.suites.map((s) => s.name));
    read.suites.forEach((s, i) => {
      const t = truth.suites[i]!;
      expect({ name: s.name, tests: s.tests, failures: s.failures, errors: s.errors, skipped: s.skipped }, who).toEqual(t);
      expect(s.cases, `${who} ${s.name}`).toHaveLength(t.tests);
      expect(s.seconds, `${who} ${s.name} time within the scan`).toBeLessThanOrEqual(read.root.seconds);
    });
    if (want.wallSeconds !== undefined) expect(read.root.seconds, `${who} root time`).toBeLessThanOrEqual(want.wallSeconds);
    for (const s of read.suites) {
      for (const c of s.cases) {
        const where = `${who} ${s.name} / ${c.name}`;
        expect(c.attachments, where).toEqual([]);
        // caseText writes one "checked:" line per case: more than one is evidence shown twice.
        const shown = c.texts.join('\n').match(/^checked: /gm)?.length ?? 0;
        expect(shown, `${where}: evidence shown ${shown} times`).toBeLessThanOrEqual(1);
        if (c.kind === 'pass') {
          expect(shown, `${where}: a pass keeps its evidence in system-out`).toBe(who === 'test-results-parser' ? 0 : 1);
          continue;
        }
        const crashed = /: internal error: /.test(c.message ?? '');
        if (!crashed && (c.kind !== 'skipped' || who !== 'test-results-parser')) expect(shown, `${where}: evidence once`).toBe(1);
        if (s.name === 'mageprobe internal') {
          expect(c.message, where).toMatch(/^mageprobe: internal error: /);
          continue;
        }
        // test-results-parser keeps no message for a skipped case.
        if (c.kind === 'skipped' && who === 'test-results-parser') continue;
        const m = MESSAGE.exec(c.message ?? '');
        expect(m, `${where}: message "${c.message}"`).not.toBeNull();
        const [, , target, host] = m!;
        if (c.classname) expect(c.classname, where).toBe(`${target}.${c.classname.split('.').pop()}`);
        expect(s.name.startsWith(`${target} `), `${where}: message names the suite's target`).toBe(true);
        expect(host, `${where}: host`).toBe(want.hosts.get(target!));
      }
    }
  }
  return reads;
}
