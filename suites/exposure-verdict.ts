import type { Evidence } from '../core/evidence.js';
import { fail, inconclusive, pass, type Verdict } from '../core/verdict.js';

/** How many items a message names before "and N more". */
const MAX_NAMED = 5;

/** What a check that asks several candidates (URLs, methods, version sources) saw. */
export interface ExposureReading {
  /** The evidence of each candidate proven exposed. */
  readonly exposed: readonly Evidence[];
  /** Why each candidate without a usable answer could not be judged (a probe's reason names its request). */
  readonly unusable: readonly string[];
  /** How many candidates were asked. */
  readonly asked: number;
  /** The candidates in the plural, for the messages: "admin URLs", "method requests". */
  readonly candidates: string;
  /** Every candidate and its answer: the last evidence of every verdict. */
  readonly summary: Evidence;
}

/** The check's own sentences for the two outcomes it can prove. */
export interface ExposureMessages {
  readonly exposed: () => string;
  readonly clean: () => string;
}

/**
 * The one rule for checks over several candidates: a proven exposure fails whatever else could
 * not be read (its evidence is enough); otherwise any candidate without a usable answer leaves
 * the check inconclusive, naming them (what was not seen may be exposed: never a pass);
 * otherwise it passes on the summary of every answer.
 */
export function exposureVerdict(r: ExposureReading, say: ExposureMessages): Verdict {
  const [first, ...rest] = r.exposed;
  if (first) return fail(say.exposed(), [first, ...rest, r.summary]);
  // Nothing asked is nothing seen: a candidate list that came out empty never passes.
  if (r.asked === 0) return inconclusive(`no ${r.candidates} were asked for, so nothing was seen`, [r.summary]);
  if (r.unusable.length) return inconclusive(`${r.unusable.length} of ${r.asked} ${r.candidates} gave no usable answer: ${nameSome(r.unusable)}`, [r.summary]);
  return pass(say.clean(), [r.summary]);
}

/** The first few items joined, then how many more: "a; b; c and 4 more". */
export function nameSome(items: readonly string[], separator = '; ', max = MAX_NAMED): string {
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  return items.slice(0, max).join(separator) + more;
}
