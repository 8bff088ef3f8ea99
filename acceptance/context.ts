import { contextFor, type EngineContext } from '../core/evaluate.js';
import type { Target } from '../core/target.js';

/** A target's context, held by the check() cases that use it; the last release closes it. */
export interface HeldContext {
  readonly ctx: EngineContext;
  release(): Promise<void>;
}

const shared = new Map<string, { readonly ctx: EngineContext; users: number }>();

/**
 * The one place a team's check gets its target's check context (facts, the HTTP client, politeness).
 * Today: one context per target in this worker, shared by every check() of the file and closed when
 * the last of them is done. The lead points this at the per-target engine shared with the built-ins.
 */
export function contextOf(target: Target): HeldContext {
  let entry = shared.get(target.name);
  if (!entry) {
    entry = { ctx: contextFor(target), users: 0 };
    shared.set(target.name, entry);
  }
  const held = entry;
  held.users++;
  let released = false;
  return {
    ctx: held.ctx,
    async release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      shared.delete(target.name);
      await held.ctx.close();
    },
  };
}
