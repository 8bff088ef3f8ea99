import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../cli/collect-garbage.js';
import { detached } from '../../../core/evidence.js';
import { exchangeEvidence } from '../../../probes/http/evidence.js';
import type { HttpExchange } from '../../../probes/http/exchange.js';

const MB = 1_048_576;

/** An answer whose decoded page is `mb` MB, and the version quote a check would cut from it. */
function disclosingPage(mb: number): { ex: HttpExchange; quote: string } {
  const text = `${'x'.repeat(mb * MB)} Magento/2.4.6-p3 (Community) ${'y'.repeat(16)}`;
  const quote = /Magento\/[\d.p-]+ \(\w+\)/.exec(text)![0];
  const ex: HttpExchange = {
    url: 'https://shop.lab.test/',
    method: 'GET',
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: Buffer.alloc(16),
    bodyTruncated: false,
    address: '198.18.0.2:443',
    at: '2026-11-30T10:00:00.000Z',
    elapsedMs: 5,
  };
  return { ex, quote };
}

describe('detached', () => {
  it('gives the same text, one-byte and two-byte alike, lone surrogates included', () => {
    for (const s of ['', 'Magento/2.4.6 (Community)', 'caf\u00e9 \u202e \ud83d\ude00 \ud800 end']) expect(detached(s)).toBe(s);
  });

  it("a quote kept in an exchange's evidence does not keep the page it was cut from alive", () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    // Eight 8 MB pages, as eight targets' disclosing pages; only their evidence is kept.
    const kept = Array.from({ length: 8 }, () => {
      const { ex, quote } = disclosingPage(8);
      return exchangeEvidence(ex, quote);
    });
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;
    expect(kept.map((e) => e.facts.bodyExcerpt)).toEqual(Array(8).fill('Magento/2.4.6-p3 (Community)'));
    // Sliced views would hold 64 MB of pages; the copies hold a few hundred bytes each.
    expect(grown).toBeLessThan(16 * MB);
  });
});
