import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { defuseCiMarkers, neutralise, safeLine, safeText } from '../../core/safe-text.js';
import { fail } from '../../core/verdict.js';
import { progressLine, summary } from '../../reporters/console.js';
import { renderHtml } from '../../reporters/html.js';
import { renderJson } from '../../reporters/json.js';
import { renderJUnit } from '../../reporters/junit.js';
import { hostileScan } from '../reporters/hostile-scan.js';

const exec = promisify(execFile);
const XSD = new URL('../fixtures/junit-10.xsd', import.meta.url).pathname;

// Retitles an xterm (OSC 0 … BEL), clears the screen (CSI 2J), 8-bit CSI, and a right-to-left
// override that would show "exe.txt" as "txt.exe".
const OSC_TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const HOSTILE = `nginx ${OSC_TITLE}${CLEAR}\x9b31m \u202etxt.exe\u202c \u2066x\u2069 \u200f\u061c\0`;
// Anything a terminal, a browser or an XML parser would act on.
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

function hostileResult(): ScanResult {
  const record: CaseRecord = {
    target: 'shop',
    url: 'https://shop.example.com/',
    check: checkSpec('HDR-01'),
    verdict: fail(`X-Frame-Options is absent; server says ${HOSTILE}`, [
      evidence(
        `GET https://shop.example.com/ → 200 ${OSC_TITLE}`,
        {
          status: 200,
          headers: { server: HOSTILE, [`x-${CLEAR}`]: 'key from the server', 'set-cookie': [HOSTILE, 'b=2'] },
          bodyExcerpt: `<html>\n\t<title>${HOSTILE}</title>\r\n[[ATTACHMENT|/etc/passwd]] [[attachment|/root/.ssh/id_rsa]]`,
          nested: { deeper: [{ banner: `SSH-2.0-${OSC_TITLE}` }] },
        },
        '127.0.0.1:443',
      ),
    ]),
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12,
  };
  return {
    tool: { name: 'mageprobe', version: '0.1.0' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scanner: 'ci',
    cases: [record],
    internalErrors: [{ message: `suites/headers.suite.ts: ${HOSTILE}` }],
    warnings: [`release table: ${HOSTILE}`],
  };
}

describe('safe text', () => {
  it('shows controls, ESC sequences and bidi overrides as visible escapes', () => {
    expect(safeLine(`a${OSC_TITLE}b`)).toBe('a\\x1b]0;pwned\\x07b');
    expect(safeLine('\x9b\u202e\u202a\u2066\u2069\u200e\u200f\u061c\x7f\u2028')).toBe('\\x9b\\u202e\\u202a\\u2066\\u2069\\u200e\\u200f\\u061c\\x7f\\u2028');
    expect(safeLine('one\ntwo\tthree\r')).toBe('one\\ntwo\\tthree\\r');
    // Printable ASCII but for tab and newline: one line escapes them, multi-line text keeps them.
    expect(safeLine('one\ntwo\tthree')).toBe('one\\ntwo\\tthree');
    expect(safeText('one\ntwo\tthree')).toBe('one\ntwo\tthree');
    expect(safeText('one\ntwo\tthree\r\n\x1b')).toBe('one\ntwo\tthree\\r\n\\x1b');
    expect(safeLine('caf\u00e9 \u{1f600} \ud800')).toBe('caf\u00e9 \u{1f600} \\ud800');
  });

  it('walks every string, keys included; facts keep newlines, everything else stays on one line', () => {
    const safe = neutralise(hostileResult());
    expect(JSON.stringify(safe)).not.toMatch(RAW);
    const facts = safe.cases[0]!.verdict.evidence[0]!.facts as Record<string, Record<string, unknown>>;
    expect(Object.keys(facts.headers!)).toContain('x-\\x1b[2J');
    expect(facts.bodyExcerpt).toContain('<html>\n\t<title>nginx \\x1b]0;pwned\\x07');
    expect(safe.cases[0]!.verdict.message).toContain('\\u202etxt.exe');
    expect(safe.cases[0]!.verdict.evidence[0]!.facts.status).toBe(200);
    expect(neutralise(safe)).toEqual(safe);
  });

  it('walks an object once per way of cleaning: every reporter neutralises the same scan', () => {
    const scan = hostileResult();
    const safe = neutralise(scan);
    expect(neutralise(scan)).toBe(safe);
    expect(neutralise(safe)).toBe(safe);
    expect(neutralise(scan.cases[0])).toBe(safe.cases[0]);
    // One object under facts (newlines kept) and outside them (one line): each gets its own copy.
    const shared = { banner: 'SSH-2.0\nx' };
    const both = neutralise({ verdict: { evidence: [{ facts: { shared } }] }, shared });
    expect(both.verdict.evidence[0]!.facts.shared.banner).toBe('SSH-2.0\nx');
    expect(both.shared.banner).toBe('SSH-2.0\\nx');
  });

  it('keeps a key a server named "__proto__" as a key of the copy, neutralised, and the copy a plain object', () => {
    const facts = JSON.parse('{"headers":{"__proto__":"a\\u001bb","server":"nginx"}}') as Record<string, Record<string, unknown>>;
    const safe = neutralise(facts);
    expect(Object.getPrototypeOf(safe.headers)).toBe(Object.prototype);
    expect(Object.keys(safe.headers!)).toEqual(['__proto__', 'server']);
    expect(Object.getOwnPropertyDescriptor(safe.headers, '__proto__')?.value).toBe('a\\x1bb');
    expect(JSON.stringify(safe)).toBe('{"headers":{"__proto__":"a\\\\x1bb","server":"nginx"}}');
  });

  it('copies exactly as Object.fromEntries over every entry did, on hostile and on recorded evidence', () => {
    // The walk as it was written before its loop: the reference for the result, key order included.
    const reference = (value: unknown, clean: (s: string) => string): unknown => {
      if (typeof value === 'string') return clean(value);
      if (Array.isArray(value)) return value.map((v) => reference(v, clean));
      if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return reference(toJSON.call(value), clean);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [safeLine(k), reference(v, k === 'facts' || k === 'detail' ? safeText : clean)]));
    };
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/recorded-evidence-facts.json', import.meta.url), 'utf8')) as unknown;
    for (const value of [hostileResult(), hostileScan(2), recorded, { at: new Date(0), n: [1, null, true], '': '' }]) {
      const safe = neutralise(value);
      expect(JSON.stringify(safe)).toBe(JSON.stringify(reference(value, safeLine)));
      expect(safe).toStrictEqual(reference(value, safeLine));
    }
  });

  it('defuses GitLab attachment markers, whatever their case', () => {
    expect(defuseCiMarkers('[[ATTACHMENT|/etc/passwd]] [[Attachment|x]]')).toBe('[[ATTACHMENT\\|/etc/passwd]] [[Attachment\\|x]]');
    expect(defuseCiMarkers('[[PROPERTY|owner=attacker]] [[property|x=y]]')).toBe('[[PROPERTY\\|owner=attacker]] [[property\\|x=y]]');
  });
});

describe('reporters render hostile server text safely', () => {
  const result = hostileResult();

  it('console: the progress line and the summary carry no raw control or bidi character', () => {
    const line = progressLine(result.cases[0]!);
    expect(line).not.toMatch(RAW);
    expect(line).toContain('server says nginx \\x1b]0;pwned\\x07');
    expect(summary(result)).not.toMatch(RAW);
  });

  it('HTML: escaped markup and visible escapes, no raw controls', () => {
    const html = renderHtml(result);
    expect(html).not.toMatch(RAW);
    expect(html).toContain('&lt;title&gt;nginx \\x1b]0;pwned\\x07');
    expect(html).not.toContain('<title>nginx');
  });

  it('JSON: same structure, neutralised strings', () => {
    const json = renderJson(result);
    expect(json).not.toMatch(/\\u001b|\\u0007|\u202e/);
    const parsed = JSON.parse(json) as ScanResult;
    expect(parsed.cases[0]!.verdict.evidence[0]!.facts.headers).toMatchObject({ server: safeLine(HOSTILE), 'set-cookie': [safeLine(HOSTILE), 'b=2'] });
    expect(parsed.cases[0]!.verdict.outcome).toBe('fail');
  });

  it('JUnit: valid against the junit-10 schema, no raw controls, GitLab markers defused', async () => {
    const xml = renderJUnit(result);
    expect(xml).not.toMatch(RAW);
    expect(xml).not.toMatch(/\[\[attachment\|/i);
    expect(xml).toContain('[[ATTACHMENT\\|/etc/passwd]]');
    const file = join(mkdtempSync(join(tmpdir(), 'mp-safe-')), 'junit.xml');
    writeFileSync(file, xml);
    await exec('xmllint', ['--noout', '--schema', XSD, file]);
  });
});
