import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import type { CaseRecord } from '../../core/case-record.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { fail, inconclusive, pass, type Verdict } from '../../core/verdict.js';
import { code, FAILURES_PER_CHECK, renderSummaryMd, text } from '../../reporters/summary-md.js';

// As GitHub renders a step summary: GFM (tables, autolink literals), raw HTML let through so
// that any HTML we failed to escape would show up as a tag.
const render = (md: string) => micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
const tags = (html: string) => new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase()));
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const HOSTILE = [
  '[click me](https://evil.example/phish) ![x](https://evil.example/x.png)',
  '<img src=x onerror="alert(1)"><script>alert(2)</script></code>',
  'see www.evil.example and https://evil.example/ or mail root@evil.example',
  '``` fenced `tick` **bold** _em_ <b>b</b> &amp; &#x3c;',
  '[[ATTACHMENT|/etc/passwd]] | pipes | in | text \u202e reversed',
];

const at = '2026-11-30T10:00:00.000Z';
const seen = [evidence('GET / → 200', {}, undefined, new Date(at))] as const;
const caseOf = (target: string, id: string, verdict: Verdict, url = `https://${target}.example.test/`): CaseRecord => ({
  target,
  url,
  check: checkSpec(id),
  verdict,
  startedAt: at,
  durationMs: 1,
});

function scan(cases: CaseRecord[], extra: Partial<ScanResult> = {}): ScanResult {
  return { tool: { name: 'mageprobe', version: '0.1.0' }, startedAt: at, finishedAt: at, scanner: 'ci', cases, internalErrors: [], warnings: [], ...extra };
}

describe('summary.md', () => {
  it('keeps server text literal: no link, image, autolink or HTML reaches the rendered page', () => {
    const cases = HOSTILE.map((m, i) => caseOf(`shop-${i}`, 'HDR-01', fail(m, [...seen])));
    const result = scan([...cases, caseOf('tick`|pipe', 'HDR-02', inconclusive('www.evil.example/`x`'), 'https://www.evil.example/')], {
      warnings: ['<script>alert(3)</script> [w](https://evil.example/)'],
      internalErrors: [{ target: 'shop-0', check: checkSpec('TLS-05'), message: 'TypeError: <img src=x onerror=alert(4)>' }],
    });
    const md = renderSummaryMd(result);
    const page = render(md);
    expect([...tags(page)].sort()).toEqual(['blockquote', 'code', 'h2', 'h3', 'li', 'p', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul']);
    // No tag carries an attribute but a table column's alignment: no href, src or handler anywhere.
    const attributes = [...page.matchAll(/<[a-z][a-z0-9]*(\s[^>]*)>/gi)].map((m) => m[1]);
    expect(
      attributes.every((a) => a === ' align="right"'),
      attributes.join(),
    ).toBe(true);
    // Each hostile message is shown whole, as text, in one code span (bidi control made visible).
    const spans = [...page.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]!));
    for (const m of HOSTILE) expect(spans).toContain(m.replace('\u202e', '\\u202e'));
    expect(spans).toContain('TypeError: <img src=x onerror=alert(4)>');
    expect(spans).toContain('<script>alert(3)</script> [w](https://evil.example/)');
  });

  it('gives one table row per target with the right cells, whatever the name holds', () => {
    const odd = (id: string, v: Verdict) => caseOf('a|b`c', id, v, 'https://odd.example.test:8443/');
    const result = scan([odd('HDR-01', fail('x', [...seen])), odd('HDR-02', pass('ok', [...seen])), caseOf('plain', 'HDR-02', inconclusive('timeout'))]);
    const page = render(renderSummaryMd(result));
    const rows = [...page.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => decode(c[1]!.replace(/<\/?code>/g, ''))),
    );
    expect(rows).toEqual([
      ['target', 'fail', 'inconclusive', 'waived', 'pass', 'n/a', 'internal error'],
      ['a|b`c odd.example.test:8443', '1', '', '', '1', '', ''],
      ['plain plain.example.test', '', '1', '', '', '', ''],
    ]);
  });

  it('lists failures by check, most severe first, with severity and ID, naming at most a few targets each', () => {
    const many = Array.from({ length: FAILURES_PER_CHECK + 5 }, (_, i) => caseOf(`t${i}`, 'HDR-03', fail('Referrer-Policy missing', [...seen])));
    const md = renderSummaryMd(scan([...many, caseOf('t0', 'PATH-02', fail('env.php served', [...seen])), caseOf('t1', 'HDR-02', pass('ok', [...seen]))]));
    const failures = md.slice(md.indexOf('### Failures'));
    expect(failures.indexOf('**\\[critical\\] PATH-02**')).toBeGreaterThan(-1);
    expect(failures.indexOf('**\\[critical\\] PATH-02**')).toBeLessThan(failures.indexOf('**\\[low\\] HDR-03**'));
    expect(failures).toContain(`fails on ${FAILURES_PER_CHECK + 5} of ${FAILURES_PER_CHECK + 5} target(s)`);
    expect(failures.match(/^ {2}- `t\d+`: `Referrer-Policy missing`$/gm)).toHaveLength(FAILURES_PER_CHECK);
    expect(failures).toContain('  - and 5 more target(s)');
    expect(failures).not.toContain('HDR-02');
    expect(md.startsWith('## mageprobe: 16 failed\n')).toBe(true);
    expect(render(md)).toContain('<h3>Failures</h3>');
  });

  it('says when nothing failed, and shows the changes since a baseline with new failures', () => {
    const result = scan([caseOf('shop', 'HDR-01', fail('absent', [...seen]))], {
      changes: {
        baseline: { path: '/prev/results.json', sha256: 'a'.repeat(64), startedAt: at },
        counts: { new: 1, changed: 0, resolved: 0, gone: 0, unchanged: 3 },
        cases: [{ target: 'shop', check: 'HDR-01', severity: 'medium', status: 'new', outcome: 'fail', newFailure: true }],
      },
    });
    const md = renderSummaryMd(result);
    expect(md).toContain('new **1** · changed **0** · resolved **0** · gone **0** · unchanged **3**');
    expect(md).toContain('- **new failure** \\[medium\\] `shop` HDR-01: absent → fail');
    expect(renderSummaryMd(scan([caseOf('shop', 'HDR-02', pass('ok', [...seen]))]))).toContain('No check failed.');
  });

  it('our own prose, escaped, renders as the same text and nothing else', () => {
    const prose = 'Title [x](https://e.example/) ![i](y) `c` *e* _u_ <b>&amp; ~s~ | a@b.example http://e.example \\ end';
    const page = render(`- ${text(prose)}\n`);
    expect([...tags(page)].sort()).toEqual(['li', 'ul']);
    expect(decode(page.match(/<li>([\s\S]*?)<\/li>/)![1]!)).toBe(prose);
  });

  it('code spans hold any text: backticks, edge spaces, pipes in tables', () => {
    const cases: [string, boolean][] = [
      ['plain', false],
      ['`', false],
      [' a ', false],
      ['x``y`', false],
      ['a|b', true],
      ['', false],
    ];
    for (const [s, inTable] of cases) {
      const page = render(inTable ? `| h |\n| --- |\n| ${code(s, true)} |\n` : `${code(s)}\n`);
      const inner = decode(page.match(/<code>([\s\S]*?)<\/code>/)![1]!);
      expect(inner, JSON.stringify(s)).toBe(s === '' ? ' ' : s);
    }
  });
});
