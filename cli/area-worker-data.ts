import type { CaseRecord } from '../core/case-record.js';
import type { ScanPlan } from '../core/plan.js';
import { NETWORK_AREA_SUITES } from '../suites/network-areas.js';
import type { CaseRun } from './run-scan.js';

/**
 * The areas whose facts no other area reads (a port scan, SSH's offer, TLS handshakes), run on a
 * second thread while this one runs the web areas, which share the HTTP client, home page and
 * not-found baseline among themselves. The scan is CPU-bound on one thread (module loading, TLS
 * and HTTP parsing, judging): the machine's second core then halves what waits on the first. No
 * fact is gathered twice, so a target gets the same traffic under the same limits as on one
 * thread: each fact keeps its own limiter (TLS enumeration its handshakes in flight, the HTTP
 * client politeness.concurrency and the request budget).
 */
export const OFF_THREAD_AREAS: ReadonlySet<string> = new Set(NETWORK_AREA_SUITES.map((a) => a.area));

/** What the worker thread is started with (worker_threads' workerData), and how cli/main.ts recognises it. */
export const AREA_WORKER_DATA = 'mageprobeAreaWorker';
export interface AreaWorkerData {
  readonly [AREA_WORKER_DATA]: true;
}

export type ToAreaWorker = { readonly kind: 'plan'; readonly plan: ScanPlan } | { readonly kind: 'stop'; readonly signal: 'SIGINT' | 'SIGTERM' };
/**
 * Each case as it ends, then the run: its cases are the ones already sent, less `dropped` (core/case-record.ts's caseKey of a case
 * that crashed after it had reported is its internal error instead), so no record crosses twice.
 */
export type FromAreaWorker =
  | { readonly kind: 'case'; readonly record: CaseRecord }
  | { readonly kind: 'done'; readonly run: CaseRun; readonly dropped: readonly string[] };
