import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileUrlPattern, parseInventory, urlPatternRegex } from '../../core/inventory.js';
import { draftInventory } from '../../core/inventory-draft.js';
import { loadTargetsFile, TargetsFileError } from '../../core/targets.js';
import { judgeAuthorisedScripts } from '../../suites/scripts/scr-01-authorised-scripts.js';
import { judgeScriptIntegrity } from '../../suites/scripts/scr-02-script-integrity.js';
import { judgeHeaderIntegrity } from '../../suites/scripts/scr-03-header-integrity.js';
import { judgeSkimmerIndicators } from '../../suites/scripts/scr-04-skimmer-indicators.js';
import { CLEAN_INVENTORY, checkoutWith, cleanVisits, compromisedVisits, inline, STORE } from './payment-visits.js';

function problems(text: string) {
  try {
    parseInventory(text, 'shop.inventory.yaml');
  } catch (e) {
    if (e instanceof TargetsFileError) return e.problems;
    throw e;
  }
  throw new Error('expected the inventory to be refused');
}

const entry = (fields: string) => `scripts:\n  - ${fields}\n    approvedBy: Dana\n    approvedOn: 2026-11-02\n`;

describe('inventory file', () => {
  it('reads the reviewed inventory: matchers, pins without prefix, connections, headers lower-cased, lines', () => {
    const inv = parseInventory(CLEAN_INVENTORY.replace('x-frame-options: SAMEORIGIN', 'X-Frame-Options: SAMEORIGIN'), '/a/shop.inventory.yaml');
    expect(inv.scripts.map((s) => [s.match.by, s.line])).toEqual([
      ['urlPattern', 2],
      ['url', 6],
      ['inlineSha256', 11],
      ['inlineSha256', 15],
      ['inlineSha256', 19],
    ]);
    expect(inv.scripts[1]!.sha256).not.toMatch(/^sha256-/);
    expect(inv.connections).toEqual([{ origin: 'https://api.psp-example.com', justification: 'Payment provider API the card fields talk to', line: 24 }]);
    expect(Object.keys(inv.headers['/checkout/']!)).toContain('x-frame-options');
    // A value YAML reads as a number is still the header's text.
    expect(parseInventory('headers:\n  /checkout/:\n    X-XSS-Protection: 0\n', 'h.yaml').headers).toEqual({ '/checkout/': { 'x-xss-protection': '0' } });
  });

  it('refuses an entry without a justification, or with an empty one, naming file and line', () => {
    const found = problems(`scripts:
  - url: https://js.psp-example.com/v3/checkout.js
    approvedBy: Dana
    approvedOn: 2026-11-02
  - url: https://shop.example.com/x.js
    justification: "  "
    approvedBy: Dana
    approvedOn: 2026-11-02
connections:
  - origin: https://api.psp-example.com
    justification: ""
`);
    expect(found.map((p) => [p.file, p.line, p.field])).toEqual([
      ['shop.inventory.yaml', 2, 'scripts[0].justification'],
      ['shop.inventory.yaml', 6, 'scripts[1].justification'],
      ['shop.inventory.yaml', 11, 'connections[0].justification'],
    ]);
    expect(found[0]!.message).toContain('why the payment page needs this (PCI DSS 6.4.3)');
  });

  it('refuses entries naming no script or two, a pin on an inline hash, an origin with a path, a bad date and a typo', () => {
    const found = problems(`scripts:
  - justification: nothing named
    approvedBy: Dana
    approvedOn: 2026-11-02
  - url: https://a.example/x.js
    origin: https://a.example
    justification: two
    approvedBy: Dana
    approvedOn: 2026-11-02
  - inlineSha256: sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
    sha256: sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
    justification: pinned twice
    approvedBy: Dana
    approvedOn: 2026-02-30
  - origin: https://a.example/js/
    justfication: typo
`);
    const byField = Object.fromEntries(found.map((p) => [p.field, p]));
    expect(byField['scripts[0]']?.message).toBe('exactly one of url, urlPattern, origin, inlineSha256 (found none)');
    expect(byField['scripts[1]']?.message).toBe('exactly one of url, urlPattern, origin, inlineSha256 (found url, origin)');
    expect(byField['scripts[2].sha256']?.line).toBe(11);
    expect(byField['scripts[2].approvedOn']?.line).toBe(14);
    expect(byField['scripts[3].origin']?.message).toContain('no path');
    expect(byField['scripts[3].justfication']?.message).toBe('unknown key "justfication"');
  });

  it('compiles globs so that * stays within a path segment and ** crosses, and regexes match the whole URL', () => {
    const glob = compileUrlPattern('https://*.example.com/static/**');
    if ('error' in glob || glob.by !== 'urlPattern') throw new Error('expected a pattern');
    const re = urlPatternRegex(glob);
    expect(re.test('https://cdn.example.com/static/a/b.js')).toBe(true);
    expect(re.test('https://evil.test/.example.com/static/a.js')).toBe(false);
    expect(re.test('https://cdn.example.com.evil.test/static/a.js')).toBe(false);
    const regex = compileUrlPattern('/https://cdn\\.example\\.com/v[0-9]+/app\\.js/');
    if ('error' in regex || regex.by !== 'urlPattern') throw new Error('expected a pattern');
    expect(urlPatternRegex(regex).test('https://cdn.example.com/v12/app.js')).toBe(true);
    expect(urlPatternRegex(regex).test('https://cdn.example.com/v12/app.js?evil')).toBe(false);
    expect(problems(entry('urlPattern: "/(?=lookahead)x/"\n    justification: x'))[0]).toMatchObject({ field: 'scripts[0].urlPattern', line: 2 });
  });

  it('is read relative to the targets file; a missing one is named at the targets line; drafting may leave it unread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mageprobe-inventory-'));
    mkdirSync(join(dir, 'audit'));
    writeFileSync(join(dir, 'audit', 'shop.inventory.yaml'), CLEAN_INVENTORY);
    const targets = join(dir, 'targets.yaml');
    writeFileSync(
      targets,
      'targets:\n  - name: shop\n    url: https://shop.example.com/\n    inventory: audit/shop.inventory.yaml\n  - name: other\n    url: https://other.example.com/\n',
    );
    const [shop, other] = loadTargetsFile(targets);
    expect(shop!.inventory?.file).toBe(join(dir, 'audit', 'shop.inventory.yaml'));
    expect(shop!.inventory?.scripts).toHaveLength(5);
    expect(other!.inventory).toBeUndefined();
    writeFileSync(targets, 'targets:\n  - name: shop\n    url: https://shop.example.com/\n    inventory: audit/none.yaml\n');
    expect(() => loadTargetsFile(targets)).toThrow(/targets\.yaml:4:5: targets\[0\]\.inventory: .*none\.yaml: no such file/);
    expect(loadTargetsFile(targets, { inventories: false })[0]!.inventory).toBeUndefined();
    writeFileSync(join(dir, 'audit', 'none.yaml'), entry('url: https://a.example/x.js\n    justification: ""'));
    expect(() => loadTargetsFile(targets)).toThrow(/none\.yaml:3:5: scripts\[0\]\.justification: a justification/);
  });
});

describe('drafting an inventory from what the browser saw', () => {
  const fill = (draft: string) =>
    draft
      .replace(/justification: ""/g, 'justification: reviewed by the payments team')
      .replace(/approvedBy: ""/g, 'approvedBy: Dana')
      .replace(/approvedOn: ""/g, 'approvedOn: 2026-11-30');
  const at = new Date('2026-11-30T14:00:00Z');

  it('leaves every justification empty with a comment, so validate refuses it line by line', () => {
    const draft = draftInventory(cleanVisits(), { target: 'shop', store: STORE, at });
    expect(draft).toContain('# TO DO before use: for every entry, fill in justification');
    expect(draft).toMatch(
      /# external script, SRI matched, on \/checkout\/; fill in justification, approvedBy, approvedOn\n {2}- url: https:\/\/js\.psp-example\.com\/v3\/checkout\.js/,
    );
    const found = problems(draft);
    const unjustified = found.filter((p) => p.field.endsWith('.justification'));
    expect(unjustified).toHaveLength(9 + 1); // nine scripts, one foreign connection
    expect(new Set(unjustified.map((p) => p.line)).size).toBe(10);
  });

  it('once filled in, makes the clean store pass SCR-01..04', () => {
    const inventory = parseInventory(fill(draftInventory(cleanVisits(), { target: 'shop', store: STORE, at })), '/a/shop.inventory.yaml');
    for (const judge of [judgeAuthorisedScripts, judgeScriptIntegrity, judgeHeaderIntegrity, judgeSkimmerIndicators]) {
      const v = judge({ target: 'shop', store: STORE, visits: cleanVisits(), inventory });
      expect(v.outcome, v.message).toBe('pass');
    }
  });

  it('pins external scripts, so a body changed after the draft fails SCR-01; a skimmer drafted in is still caught by SCR-04', () => {
    const inventory = parseInventory(fill(draftInventory(compromisedVisits(), { target: 'shop', store: STORE, at })), '/a/shop.inventory.yaml');
    expect(inventory.scripts.filter((s) => s.match.by === 'url').every((s) => s.sha256)).toBe(true);
    const v = judgeSkimmerIndicators({ target: 'shop', store: STORE, visits: compromisedVisits(), inventory });
    expect(v.outcome).toBe('fail');
    expect(v.message).toContain('look-alike of Stripe');
  });

  it('keeps page text inside its comment line and lists pages not seen', () => {
    const hostile = inline('inline', 'x=1;\nscripts:\n  - origin: https://evil.example\r\n# \u202e');
    const unseen = {
      ...cleanVisits()[0]!,
      scripts: [],
      connections: [],
      path: '/customer/account/login/',
      problem: { kind: 'unusable' as const, detail: 'HTTP 503\nRetry-After: 60' },
    };
    const draft = draftInventory([checkoutWith([hostile]), unseen], { target: 'shop', store: STORE, at });
    const inv = parseInventory(fill(draft), 'x.yaml');
    expect(inv.scripts.map((s) => s.match.by)).toEqual(['inlineSha256']);
    expect(inv.connections.map((c) => c.origin)).toEqual(['https://api.psp-example.com']);
    expect(draft).toContain('# NOT SEEN (re-run before relying on this draft): /customer/account/login/: HTTP 503 Retry-After: 60');
    expect(draft).toContain('\\u202e');
    expect(Object.keys(inv.headers)).toEqual(['/checkout/']);
  });
});
