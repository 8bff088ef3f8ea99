import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../catalogue/checks.js';
import { evidence } from '../../core/evidence.js';
import type { ScanResult } from '../../core/results.js';
import { fail, pass } from '../../core/verdict.js';
import { factsText } from '../../reporters/html/facts-text.js';
import { html, join, trusted } from '../../reporters/html/markup.js';
import { renderHtml } from '../../reporters/html.js';
import { hostileScan, INERT_BREAKERS, PAYLOADS } from './hostile-scan.js';

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('report.html markup', () => {
  it('html`` escapes every interpolated string, in text and in attributes; built markup goes in as is', () => {
    const value = `"'><script>&amp;`;
    expect(html`<p title="${value}">${value}</p>`.text).toBe('<p title="&quot;&#39;&gt;&lt;script&gt;&amp;amp;">&quot;&#39;&gt;&lt;script&gt;&amp;amp;</p>');
    expect(html`<ul>${['<a>', html`<li>${'<b>'}</li>`, 3, null, undefined, false]}</ul>`.text).toBe('<ul>&lt;a&gt;<li>&lt;b&gt;</li>3</ul>');
    expect(join(['a<', html`<br>`, 'b'], ' & ').text).toBe('a&lt; &amp; <br> &amp; b');
    expect(trusted('<b>ours</b>').text).toBe('<b>ours</b>');
  });

  it('facts read as YAML block style: lists, nested objects, multi-line text, visible empty strings', () => {
    expect(
      factsText({
        status: 404,
        headers: { server: 'nginx', 'set-cookie': ['a=1', 'b=2'] },
        hops: [{ status: 301, to: '/x' }],
        body: 'one\ntwo',
        empty: '',
        none: null,
        list: [],
      }),
    ).toBe(
      [
        'status: 404',
        'headers:',
        '  server: nginx',
        '  set-cookie:',
        '    - a=1',
        '    - b=2',
        'hops:',
        '  - status: 301',
        '    to: /x',
        'body: |',
        '  one',
        '  two',
        'empty: ""',
        'none: null',
        'list: []',
      ].join('\n'),
    );
  });
});

describe('report.html', () => {
  const page = renderHtml(hostileScan());

  it('admits by CSP hash exactly its one style sheet and one script, and nothing else', () => {
    const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)![1]!.replace(/&#39;/g, "'");
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toBe(`default-src 'none'; style-src ${sha256(styles[0]!)}; script-src ${sha256(scripts[0]!)}; base-uri 'none'; form-action 'none'`);
    // The CSP comes before anything it governs.
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<style>'));
    expect(page).not.toMatch(/\sstyle="|\son[a-z]+="/);
    for (const p of PAYLOADS) expect(page).not.toContain(p);
  });

  it('puts the cover first: scope, targets, scanner, tool, targets file and its sha256, time window, baseline', () => {
    const cover = page.slice(page.indexOf('<header id="cover">'), page.indexOf('</header>'));
    expect(cover).toContain(
      '<dt>Scope</dt><dd>3 targets × 7 checks (NET-02, SSH-03, TLS-01, HDR-01, HDR-02, HDR-07, PATH-01); areas: network, ssh, tls, headers, paths</dd>',
    );
    expect(cover).toContain('<a href="#t0">shop-a</a> (https://shop-a.example.test/)');
    expect(cover).toContain('<dt>Scanned from</dt><dd>runner &lt;img src=x onerror=&quot;window.__pwned=3&quot;&gt;');
    expect(cover).toContain('<dt>Tool</dt><dd>mageprobe 0.1.0</dd>');
    expect(cover).toContain(`sha256 <code>${'ab'.repeat(32)}</code>`);
    expect(cover).toContain('<dt>Time window</dt><dd>2026-11-30T10:00:00.000Z – 2026-11-30T10:02:00.000Z (2 min 0 s)</dd>');
    expect(cover).toContain(
      `<dt>Baseline</dt><dd>/prev/&lt;script&gt;window.__pwned=1&lt;/script&gt;/results.json, scanned 2026-11-29T10:00:00.000Z<br>sha256 <code>${'cd'.repeat(32)}</code>`,
    );
    const order = [
      'id="cover"',
      '<b>Warning:</b>',
      '<h2>Changes since baseline</h2>',
      '<h2>Summary</h2>',
      '<h2>Internal errors</h2>',
      '<h2>Failures</h2>',
      '<h2>Waivers</h2>',
      '<h2>All cases</h2>',
    ];
    const at = order.map((s) => page.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      String(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('names the shard a part-scan covers, and says when no targets file was recorded', () => {
    const { targetsFile: _, ...rest } = hostileScan();
    const part = renderHtml({ ...rest, shard: { index: 2, count: 4, targets: ['shop-a', 'shop-b', 'shop-c', 'shop-d', 'shop-e'] } });
    expect(part).toContain('<dt>Shard</dt><dd>part 2 of 4 of a scan of 5 targets</dd>');
    expect(part).toContain('<dt>Targets file</dt><dd>not recorded</dd>');
    expect(page).not.toContain('<dt>Shard</dt>');
  });

  it('lists each waiver with justification, expiry and what it hides', () => {
    const waivers = page.slice(page.indexOf('<h2>Waivers</h2>'), page.indexOf('<h2>All cases</h2>'));
    expect(waivers.match(/<tr data-o="waived"/g)).toHaveLength(3);
    expect(waivers).toContain(
      '<td>2027-01-31</td><td>accepted &lt;img src=x onerror=&quot;window.__pwned=3&quot;&gt;</td><td><span class="o o-fail">fail</span>: .git served',
    );
  });

  it('shows each observation once per target: later cases link to the first', () => {
    // One observation per target, used by four cases each (HDR-01, HDR-02, HDR-07, PATH-01).
    expect(page.match(/<pre class="obs" id="e\d+">/g)).toHaveLength(3);
    expect(page.match(/same observation as under <a href="#e\d+">/g)).toHaveLength(9);
  });

  it('orders failures by severity, each check once with its fix, counting the targets it fails on', () => {
    const at = new Date('2026-11-30T10:00:00.000Z');
    const seen = [evidence('GET / → 200', {}, undefined, at)] as const;
    const c = (target: string, id: string, v: ReturnType<typeof fail>) => ({
      target,
      url: `https://${target}.test/`,
      check: checkSpec(id),
      verdict: v,
      startedAt: at.toISOString(),
      durationMs: 1,
    });
    const result: ScanResult = {
      tool: { name: 'mageprobe', version: '0.1.0' },
      startedAt: at.toISOString(),
      finishedAt: at.toISOString(),
      scanner: 'ci',
      cases: [
        c('a', 'HDR-03', fail('low one', [...seen])),
        c('a', 'PATH-02', fail('critical one', [...seen])),
        c('b', 'HDR-03', fail('low two', [...seen])),
        c('b', 'PATH-02', pass('fine', [...seen])),
      ],
      internalErrors: [],
      warnings: [],
    };
    const out = renderHtml(result);
    const headings = [...out.matchAll(/<h3><span class="sev">(\w+)<\/span><b>([\w-]+)<\/b>[^<]*<span class="counts">fails on (\d) of 2 targets/g)].map((m) =>
      m.slice(1).join(' '),
    );
    expect(headings).toEqual(['critical PATH-02 1', 'low HDR-03 2']);
    expect(out.match(/class="fix"/g)).toHaveLength(2);
    // The per-target row of a failure links to its evidence rather than repeating it.
    expect(out).toMatch(/<td class="o o-fail">fail<\/td><td>low one <a href="#f\d+">evidence and fix<\/a><\/td>/);
  });
});

describe('a large report.html (more than 5 targets): folded sections packed', () => {
  const scan = hostileScan(4);
  const page = renderHtml(scan);
  const packed = page.match(/<template id="later">([^<]*)<\/template>/)?.[1];
  const bodies = packed === undefined ? [] : gunzipSync(Buffer.from(packed, 'base64')).toString('utf8').split('\0');
  const placeholders = [...page.matchAll(/<p class="later meta" data-n="(\d+)"(?: data-ids="([^"]*)")?>/g)];

  it('carries every folded body packed, in base64 (no `<` or `&` to end its element), one placeholder for each', () => {
    expect(packed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // 7 targets and 2 failing checks (HDR-01, HDR-07), each with its placeholder, in order.
    expect(placeholders.map((m) => Number(m[1]))).toEqual([...Array(9).keys()]);
    expect(bodies).toHaveLength(9);
    expect(page).toContain('<details class="target" id="t6"><summary>shop-g');
    expect(page).not.toMatch(/<details class="target"[^>]* open/);
    expect(page).toContain('<noscript><p class="banner warn"><b>Folded sections need script:</b>');
    // The open page holds no observation: they are all packed.
    expect(page).not.toContain('<pre class="obs"');
  });

  it('packs markup as escaped as the page: no payload, no breaker, no NUL but the separators', () => {
    const all = bodies.join('');
    expect(all).toContain('<pre class="obs" id="e1">');
    for (const p of [...PAYLOADS.slice(0, 7), ...INERT_BREAKERS.slice(0, 2)]) expect(all).not.toContain(p);
    expect(all).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=9&lt;/script&gt;');
    // The body excerpt, its lines indented under `bodyExcerpt: |`; U+2028 and NUL shown as escapes (core/safe-text.ts).
    expect(all).toContain('  &lt;!--&lt;script&gt;\n  --&gt;\n  ]]&gt;\n  \\u2028\n  \\x00\n');
    expect(all).not.toMatch(/[\0\u2028]/);
    expect(page.match(/<script[\s>]/g)).toHaveLength(1);
    for (const p of [...PAYLOADS, ...INERT_BREAKERS.slice(0, 2)]) expect(page).not.toContain(p);
  });

  it('names on each placeholder the anchors its body holds, so a link can find it', () => {
    for (const [i, m] of placeholders.entries()) {
      const inside = [...bodies[i]!.matchAll(/ id="([^"]+)"/g)].map((x) => x[1]);
      expect(m[2]?.split(' ') ?? [], `body ${i}`).toEqual(inside);
    }
    // The failures' targets and their evidence: f1… and e1… are packed, not on the open page.
    expect(placeholders[0]![2]).toMatch(/^f1 e1 /);
    expect(page).not.toMatch(/ id="[ef]\d+"/);
  });

  it('a small report has nothing packed and needs no script', () => {
    const small = renderHtml(hostileScan());
    expect(small).not.toContain('class="later');
    expect(small).not.toContain('<template');
    expect(small).not.toContain('<noscript>');
  });
});
