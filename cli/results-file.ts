import { join } from 'node:path';
import { z } from 'zod';
import { AREAS, CUSTOM_AREA } from '../catalogue/checks.js';
import { InputFileError, readRegularFile } from '../core/input-file.js';
import type { ScanResult } from '../core/results.js';

/** Largest results.json merge reads: a shard of many targets with body excerpts as evidence. */
export const RESULTS_CAP = 128 << 20;

// results.json as renderJson writes it. Loose objects keep fields this schema does not name, so a
// merge passes on everything a shard recorded; what the reporters rely on must be there and typed.
const evidence = z.looseObject({ label: z.string(), at: z.string(), address: z.string().optional(), facts: z.record(z.string(), z.unknown()) });
const proof = z.tuple([evidence], evidence);
const judged = z.discriminatedUnion('outcome', [
  z.looseObject({ outcome: z.literal('pass'), message: z.string(), evidence: proof }),
  z.looseObject({ outcome: z.literal('fail'), message: z.string(), evidence: proof }),
  z.looseObject({ outcome: z.literal('inconclusive'), message: z.string(), evidence: z.array(evidence) }),
  z.looseObject({ outcome: z.literal('not-applicable'), message: z.string(), evidence: z.array(evidence) }),
]);
const waived = z.looseObject({
  outcome: z.literal('waived'),
  message: z.string(),
  evidence: z.array(evidence),
  justification: z.string(),
  expires: z.string(),
  underlying: judged,
});
const check = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  area: z.enum([...AREAS, CUSTOM_AREA]),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  source: z.string(),
});
const isoTime = z.iso.datetime();
const scanResult = z.looseObject({
  tool: z.looseObject({ name: z.literal('mageprobe'), version: z.string().min(1) }),
  startedAt: isoTime,
  finishedAt: isoTime,
  scanner: z.string(),
  cases: z.array(
    z.looseObject({
      target: z.string().min(1),
      url: z.string(),
      address: z.string().optional(),
      check,
      verdict: z.union([judged, waived]),
      startedAt: isoTime,
      durationMs: z.number().nonnegative(),
    }),
  ),
  internalErrors: z.array(z.looseObject({ target: z.string().optional(), check: check.optional(), message: z.string(), detail: z.string().optional() })),
  interrupted: z.looseObject({ signal: z.enum(['SIGINT', 'SIGTERM']), at: isoTime }).optional(),
  warnings: z.array(z.string()),
  shard: z
    .looseObject({ index: z.int().positive(), count: z.int().positive(), targets: z.array(z.string()) })
    .refine((s) => s.index <= s.count, 'index above count')
    .optional(),
  targetsFile: z.looseObject({ path: z.string(), sha256: z.string() }).optional(),
});

/** A scan's --out directory and the result it holds. */
export interface ScanRun {
  readonly dir: string;
  readonly result: ScanResult;
}

/** Reads DIR/results.json as a whole ScanResult; anything else is an input error naming the file. */
export function readScanRun(dir: string): ScanRun {
  return { dir, result: readResultsFile(join(dir, 'results.json')) };
}

/** Reads a results.json file (a regular file, capped) as a whole ScanResult, or throws an input error naming it. */
export function readResultsFile(file: string): ScanResult {
  const text = readRegularFile(file, RESULTS_CAP).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputFileError(file, `not JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  const parsed = scanResult.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new InputFileError(file, `not a mageprobe results.json (${where || 'top level'}: ${issue.message})`);
  }
  // The file's own object is what merges: zod's copy puts keys in schema order, and a merge
  // should hand on each case exactly as its shard wrote it.
  return json as z.output<typeof scanResult>;
}

// What the schema accepts is a ScanResult (tsc checks it here), so the cast above is sound.
const _schemaFitsScanResult = (parsed: z.output<typeof scanResult>): ScanResult => parsed;
void _schemaFitsScanResult;
