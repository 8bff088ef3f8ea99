import type { CheckSpec } from '../catalogue/checks.js';
import { remediationOf } from '../catalogue/remediation.js';
import type { ScanResult } from '../core/results.js';
import { neutralise, safeLine } from '../core/safe-text.js';

/**
 * results.json: the whole scan, every verdict with its evidence, for other tools; server text neutralised.
 * `checks` holds, once per check in the scan, why it matters, the fix and its references (catalogue/remediation.ts,
 * or a team's own `why`/`fix` for its acceptance check).
 */
export function renderJson(result: ScanResult): string {
  return [...jsonChunks(result)].join('');
}

/**
 * results.json in pieces whose concatenation is exactly `JSON.stringify({...neutralise(result), checks}, null, 2)`
 * and a newline: the top-level fields one by one, and each case and internal error on its own, neutralised
 * when it is written. writeReports streams them to the file, so neither the 10+ MB text nor a neutralised
 * copy of every case is ever held whole.
 */
export function* jsonChunks(result: ScanResult): Generator<string> {
  const specs = new Map<string, CheckSpec>(
    [...result.cases.map((c) => c.check), ...result.internalErrors.flatMap((e) => (e.check ? [e.check] : []))].map((c) => [c.id, c]),
  );
  const checks = Object.fromEntries(
    [...specs.values()].flatMap((c) => {
      const r = remediationOf(c);
      return r ? [[c.id, r]] : [];
    }),
  );
  // The fields in the order `{ ...result, checks }` gives them: `checks` last, or in place of one read from a file.
  const fields: [string, unknown][] = Object.entries(result).map(([k, v]) => (k === 'checks' ? [k, checks] : [k, v]));
  if (!Object.hasOwn(result, 'checks')) fields.push(['checks', checks]);
  let first = true;
  yield '{';
  for (const [key, value] of fields) {
    // JSON.stringify leaves out a field whose value it cannot write (undefined, a function).
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(safeLine(key))}: `;
    first = false;
    // Top-level fields are never evidence facts, so each element neutralises on its own exactly as within the whole.
    if (Array.isArray(value) && value.length) {
      for (const [i, element] of value.entries()) yield `${i ? ',' : '['}\n    ${indented(neutralise(element), '    ')}`;
      yield '\n  ]';
    } else yield indented(key === 'checks' ? value : neutralise(value), '  ');
  }
  yield first ? '}\n' : '\n}\n';
}

/** JSON.stringify(value, null, 2) nested at `indent`: a string's own newlines are escapes, so every raw one is layout. */
function indented(value: unknown, indent: string): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
}
