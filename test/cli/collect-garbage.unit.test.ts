import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../cli/collect-garbage.js';

describe('collectGarbage', () => {
  it('really collects: an object nothing refers to any more is gone right after it', async () => {
    // Made in a function of its own, so nothing on this stack keeps it.
    const weak = (() => new WeakRef({ held: Buffer.alloc(1 << 20) }))();
    // A WeakRef's target lives at least until the current job ends.
    await nextTurn();
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });
});
