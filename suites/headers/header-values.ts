import type { Evidence } from '../../core/evidence.js';
import { inconclusive, type Verdict } from '../../core/verdict.js';
import type { HttpExchange } from '../../probes/http/exchange.js';
import { type FieldLines, linesOf, type Oversized } from './rules/field-values.js';

/** Response headers as the HTTP client records them: lower-case names, one string per field line. */
export type ResponseHeaders = HttpExchange['headers'];

/** The evidence an HDR judgement carries: the home-page exchange first. */
export type Proof = readonly [Evidence, ...Evidence[]];

/** A header's field lines as evidence text: each value quoted, or "absent". */
export function shown(v: FieldLines): string {
  const lines = linesOf(v);
  return lines.length ? lines.map((l) => `"${clip(l)}"`).join(' + ') : 'absent';
}

export const clip = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 3)}…` : s);

/** A value too long for any browser to receive: not judged, never pass. */
export const tooLong = (name: string, o: Oversized, proof: Proof): Verdict =>
  inconclusive(`${name} is ${o.chars} characters long, more than a browser accepts; not judged`, proof);
