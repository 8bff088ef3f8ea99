import { describe, expect, it } from 'vitest';
import * as adminLogin from '../../catalogue/admin-login.js';
import { INTERFERENCE, STORE_ERROR_PAGES } from '../../catalogue/interference.js';
import * as magentoMarkers from '../../catalogue/magento-markers.js';
import { SIGNATURES, type SignatureId } from '../../catalogue/signatures.js';
import { EDGE_ERROR_PAGES } from '../../catalogue/signatures-edge.js';
import { REDACTIONS } from '../../catalogue/signatures-redaction.js';
import { LinearRegex, linear, linearFromUser } from '../../core/linear-regex.js';
import type { HttpClient } from '../../probes/http/client.js';
import type { HttpExchange } from '../../probes/http/exchange.js';
import { LINE_BANNERS } from '../../probes/net/handshakes/banners.js';
import { SERVICE_PROBES } from '../../probes/net/service-probes.js';
import { readAdminLogin } from '../../probes/web/admin.js';
import { looksLikeHtml, matchSignatures, redact, SIGNATURE_SCAN_BYTES } from '../../probes/web/content.js';
import { fingerprint } from '../../probes/web/fingerprint.js';
import { findDisclosures, fingerprintMagento, probeVersion, readRest } from '../../probes/web/magento.js';
import { lineFromConstraint, parseMagentoVersion } from '../../probes/web/magento-version.js';

/**
 * Issue 8: a matcher over server text must never run away. This is a safety net over the
 * structural guarantee (every such pattern is a LinearRegex, RE2): each pattern of every
 * table, and each probe function that matches, gets 512 KB of hostile input and must
 * finish well under a second. The tables are walked, so a new entry is covered unasked.
 */
const SIZE = 512 * 1024;
const BUDGET_MS = 1000;

const fill = (unit: string, tail = '') => unit.repeat(Math.ceil((SIZE - tail.length) / unit.length)).slice(0, SIZE - tail.length) + tail;

/** Runs of what the patterns repeat, openers without their closers, and near-misses. */
const HOSTILE: Readonly<Record<string, string>> = {
  newlines: fill('\n'),
  'CRLF lines': fill('\r\n'),
  'spaces then !': fill(' ', '!'),
  'blank lines with spaces': fill(' \t\n'),
  'A=1 then newlines then !': `A=1${fill('\n', '!').slice(3)}`,
  'A=1 lines then !': fill('A=1\n', '!'),
  'comment lines between vars': `A=1\n${fill('#\n', 'b')}`,
  '[core] repeated, no newline': fill('[core]'),
  '[core] near-miss lines': fill(' [core] x\n'),
  'one long line': fill('x'),
  'long word line': fill('ab1'),
  digits: fill('1'),
  'version-like digits': `1.1.${fill('1', '!').slice(4)}`,
  'JSON openers': fill('{"a":'),
  'GraphQL error openers': fill('{"errors":[{"extensions":{'),
  'packages near-miss': fill('{"packages" : '),
  'product near-miss': fill('"name":"magento/product-community-edition","version":"'),
  '<?php and db near-miss': `<?php\n${fill("'db' =")}`,
  'script openers': fill('<script '),
  'title openers': fill('<title>Magento'),
  'stack trace near-miss': fill('#0 /var/www/a.php('),
  'path near-miss': fill('/var/www/x'),
  'Magento_ prefixes': fill('Magento_'),
  'secret with backslashes': `'password' => '${fill('\\')}`,
  'quoted secret openers': fill(`"token": "`),
  'URL credential near-miss': fill('a://b:'),
  'SSH ident without newline': `SSH-2.0-${fill('x').slice(8)}`,
  '220 without newline': `220 ${fill('x ').slice(4)}`,
  'HTTP head without end': `HTTP/1.1 200 OK\r\n${fill('a: b\r\n').slice(17)}`,
  'log line openers': fill('[2024-01-01 00:00:00] '),
  'htpasswd near-miss': fill('user:$apr1$'),
  'newlines, then markers at the very end': fill('\n', "RewriteEngine On\nA=1\nB=2\n[core]\n<?php 'db' => 1"),
};

/** CPU milliseconds spent by this process (not wall time: other tests and processes share the cores). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed(f: () => unknown): number {
  const t = cpuMs();
  f();
  return cpuMs() - t;
}

/** The shapes that hurt a backtracking engine most; every pattern of every table gets each. */
const RAW_SHAPES = [
  'newlines',
  'CRLF lines',
  'spaces then !',
  'A=1 then newlines then !',
  'A=1 lines then !',
  '[core] near-miss lines',
  'one long line',
  'digits',
  'JSON openers',
  'script openers',
  'secret with backslashes',
  'newlines, then markers at the very end',
];

/** Every LinearRegex a module exports, directly or in its tables. */
function patternsIn(module: Record<string, unknown>): [string, LinearRegex][] {
  const out: [string, LinearRegex][] = [];
  const walk = (v: unknown, name: string) => {
    if (v instanceof LinearRegex) out.push([name, v]);
    else if (v instanceof RegExp) throw new Error(`${name} is a backtracking RegExp over server text; use linear()`);
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${name}[${i}]`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${name}.${k}`);
  };
  for (const [k, v] of Object.entries(module)) walk(v, k);
  return out;
}

const TABLES: [string, LinearRegex][] = [
  ...patternsIn({ SIGNATURES }),
  ...patternsIn({ REDACTIONS }),
  ...patternsIn(magentoMarkers),
  ...patternsIn(adminLogin),
  ...patternsIn({ LINE_BANNERS }),
  ...patternsIn({ INTERFERENCE, STORE_ERROR_PAGES, EDGE_ERROR_PAGES }),
];

function slowest(run: (input: string) => unknown, shapes = Object.keys(HOSTILE)): { input: string; ms: number } {
  let worst = { input: '', ms: 0 };
  for (const name of shapes) {
    const input = HOSTILE[name]!;
    const ms = timed(() => run(input));
    if (ms > worst.ms) worst = { input: name, ms };
  }
  return worst;
}

const ex = (body: string, status = 200): HttpExchange => ({
  url: 'https://shop.test/x',
  method: 'GET',
  status,
  headers: { 'set-cookie': [body.slice(0, 64 * 1024)] },
  body: Buffer.from(body),
  bodyTruncated: false,
  address: '127.0.0.1',
  at: new Date(0).toISOString(),
  elapsedMs: 1,
});
const answering = (body: string): HttpClient => ({
  requestsSent: 0,
  close: async () => {},
  destroy: async () => {},
  request: async () => ({ ok: true, exchange: ex(body) }),
});

describe('matching over server text is bounded (issue 8)', () => {
  it('the tables hold only LinearRegex, and there are many of them', () => {
    expect(RAW_SHAPES.every((s) => s in HOSTILE)).toBe(true);
    // patternsIn throws on a RegExp; the count guards against walking nothing.
    expect(TABLES.length).toBeGreaterThan(80);
    for (const id of Object.keys(SIGNATURES) as SignatureId[]) {
      const s = SIGNATURES[id];
      expect(s.magic || s.all?.length || s.any?.length, id).toBeTruthy();
    }
  });

  it('every catalogue pattern runs over 512 KB of hostile text in well under a second', () => {
    const slow = TABLES.map(([name, re]) => ({ name, ...slowest((s) => re.exec(s), RAW_SHAPES) })).filter((r) => r.ms > BUDGET_MS);
    expect(slow).toEqual([]);
  }, 120_000);

  it('every signature, as the path probe applies it, stays under the budget', () => {
    const slow = (Object.keys(SIGNATURES) as SignatureId[])
      .map((id) => ({ id, ...slowest((s) => matchSignatures(Buffer.from(s), [id], '/x')) }))
      .filter((r) => r.ms > BUDGET_MS);
    expect(slow).toEqual([]);
  }, 120_000);

  it('redaction, HTML sniffing, body fingerprints and version parsing stay under the budget', () => {
    for (const [what, f] of [
      ['redact', (s: string) => redact(s, 'htpasswd')],
      ['looksLikeHtml', (s: string) => looksLikeHtml(Buffer.from(s))],
      ['fingerprint', (s: string) => fingerprint(Buffer.from(s), '/x')],
      ['parseMagentoVersion', (s: string) => parseMagentoVersion(s)],
      ['lineFromConstraint', (s: string) => lineFromConstraint(s)],
    ] as const) {
      expect(slowest(f).ms, what).toBeLessThan(BUDGET_MS);
    }
  }, 120_000);

  it('the Magento readers (storefront, GraphQL, versions, REST, error pages, admin login) stay under the budget', async () => {
    for (const [name, input] of Object.entries(HOSTILE)) {
      for (const [what, f] of [
        ['fingerprintMagento', () => fingerprintMagento(answering(input))],
        ['probeVersion', () => probeVersion(answering(input))],
        ['readRest', async () => readRest(ex(input, 401))],
        ['findDisclosures', async () => findDisclosures(ex(input, 500), '/x')],
        ['readAdminLogin', async () => readAdminLogin(ex(`<html><title>${input}</title>`))],
      ] as const) {
        const t = cpuMs();
        await f();
        expect(cpuMs() - t, `${what} on ${name}`).toBeLessThan(BUDGET_MS);
      }
    }
  }, 120_000);

  it('every service recogniser and completeness test (banners, handshakes) stays under the budget', () => {
    for (const p of SERVICE_PROBES) {
      const run = (s: string) => {
        const b = Buffer.from(s, 'latin1');
        if (p.phase === 'after-banner') return p.match(b, b);
        if (p.phase === 'request') p.complete?.(b);
        return p.match(b);
      };
      expect(slowest(run).ms, p.id).toBeLessThan(BUDGET_MS);
    }
  }, 120_000);

  it('the reported cases: a 45-byte .env and 512 KB of newlines finish at once and prove nothing', () => {
    const env45 = Buffer.from(`A=1\n${'\n'.repeat(40)}!`);
    expect(env45.length).toBe(44 + 1);
    expect(timed(() => expect(matchSignatures(env45, ['dotenv'], '/.env')).toBeUndefined())).toBeLessThan(100);
    expect(timed(() => expect(matchSignatures(Buffer.from('\n'.repeat(SIZE)), Object.keys(SIGNATURES) as SignatureId[], '/x')).toBeUndefined())).toBeLessThan(
      BUDGET_MS,
    );
  });

  it('signatures scan a bounded head of the body: a marker past SIGNATURE_SCAN_BYTES is not looked for', () => {
    const git = '[core]\n\trepositoryformatversion = 0\n';
    expect(matchSignatures(Buffer.from(git), ['git-config'], '/.git/config')).toBeDefined();
    expect(matchSignatures(Buffer.from(`${'\n'.repeat(SIGNATURE_SCAN_BYTES)}${git}`), ['git-config'], '/.git/config')).toBeUndefined();
  });

  it('LinearRegex refuses syntax RE2 cannot run in linear time, and stateful flags', () => {
    // Patterns of our own compile on first use (test/core/linear-regex.unit.test.ts compiles every
    // one); a user's pattern compiles, and is refused, where it is made.
    expect(() => linearFromUser(/(a)\1/)).toThrow();
    expect(() => linearFromUser(/(?=a)a/)).toThrow();
    // biome-ignore lint/correctness/noEmptyCharacterClassInRegex: [^] (any character) is the construct under test
    expect(() => linearFromUser(/[^]/)).toThrow();
    expect(() => linear(/(?<=a)b/).test('ab')).toThrow();
    expect(() => linear(/a/g)).toThrow(/flag "g"/);
  });
});
