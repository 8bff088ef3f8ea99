import type { CheckContext } from './check.js';

/**
 * A fact about a target (the home page, the TLS scan, the port scan): gathered once per engine
 * by the first check that asks, then shared by every check of every area of that target. The
 * fact itself is the key, so its type travels with it: no string keys, no casts in the checks.
 *
 *   export const homePage = defineFact('home page', async (ctx) => …);
 *   const chain = await homePage(ctx); // typed, memoised per target
 */
export interface Fact<T> {
  (ctx: CheckContext): Promise<T>;
  /** What the fact is, for errors ("home page"). */
  readonly label: string;
  readonly gather: (ctx: CheckContext) => Promise<T>;
}

export function defineFact<T>(label: string, gather: (ctx: CheckContext) => Promise<T>): Fact<T> {
  const fact: Fact<T> = Object.assign((ctx: CheckContext): Promise<T> => ctx.get(fact), { label, gather });
  return fact;
}

/**
 * A family of facts told apart by an argument (the trust of each HTTPS origin a page came from):
 * one fact per key, each memoised per engine like any other.
 */
export function defineFactFamily<A, T>(
  label: string,
  keyOf: (arg: A) => string,
  gather: (ctx: CheckContext, arg: A) => Promise<T>,
): (ctx: CheckContext, arg: A) => Promise<T> {
  const members = new Map<string, Fact<T>>();
  return (ctx, arg) => {
    const key = keyOf(arg);
    let fact = members.get(key);
    if (!fact) {
      fact = defineFact(`${label} ${key}`, (c) => gather(c, arg));
      members.set(key, fact);
    }
    return fact(ctx);
  };
}
