import { describe, expect, it } from 'vitest';
import { createEngine, engineFor } from '../../core/engine.js';
import { defineFact, defineFactFamily } from '../../core/fact.js';
import { makeTarget } from '../../core/targets.js';

const shop = makeTarget({ name: 'shop', url: 'https://shop.test/' });

describe('typed facts, memoised per engine', () => {
  it('gathers a fact once per engine, whoever asks, and again on another engine', async () => {
    let gathered = 0;
    const page = defineFact('page', async (ctx) => ({ url: ctx.target.url, n: ++gathered }));
    const engine = createEngine(shop);
    const [a, b] = await Promise.all([page(engine), engine.get(page)]);
    expect(a).toBe(b);
    expect(a).toEqual({ url: 'https://shop.test/', n: 1 });
    expect(await page(createEngine(shop))).toEqual({ url: 'https://shop.test/', n: 2 });
  });

  it('a fact family keeps one fact per key', async () => {
    const asked: string[] = [];
    const trust = defineFactFamily(
      'trust of',
      (u: URL) => u.host,
      async (_ctx, u: URL) => {
        asked.push(u.host);
        return u.host;
      },
    );
    const engine = createEngine(shop);
    await Promise.all([trust(engine, new URL('https://a.test/x')), trust(engine, new URL('https://a.test/y')), trust(engine, new URL('https://b.test/'))]);
    expect(asked).toEqual(['a.test', 'b.test']);
  });

  it('seed records a fact without gathering it (judges on recorded facts)', async () => {
    const scan = defineFact<number>('scan', async () => {
      throw new Error('no traffic in a unit test');
    });
    const engine = createEngine(shop);
    engine.seed(scan, 42);
    expect(await scan(engine)).toBe(42);
  });

  it('engineFor gives one engine per target name in a process', () => {
    expect(engineFor(shop)).toBe(engineFor(makeTarget({ name: 'shop', url: 'https://shop.test/' })));
    expect(engineFor(shop)).not.toBe(engineFor(makeTarget({ name: 'other', url: 'https://shop.test/' })));
  });
});
