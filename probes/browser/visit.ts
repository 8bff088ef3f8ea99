import type { Browser } from 'playwright-core';
import { evidence } from '../../core/evidence.js';
import { isProgrammingError } from '../../core/internal-error.js';
import type { Target } from '../../core/target.js';
import { VERSION } from '../../core/version.js';
import { within } from '../../core/within.js';
import { recogniseInterference } from '../http/interference.js';
import { notTheStore } from '../http/usable.js';
import { chromiumPath, HOST_RULES_ENV, launchChromium, PINNED_KEYS_ENV } from './chromium.js';
import { securityHeaders } from './document-headers.js';
import type { PageProblem, PaymentPageVisit } from './page-facts.js';
import { PAGE_GUARD } from './page-guard.js';
import { type PageRecord, recordPage } from './page-recorder.js';
import { pinnedLeafKey } from './pinned-key.js';

export interface VisitOptions {
  /** Aborting closes the browser; pages not yet seen come back unusable. */
  readonly signal?: AbortSignal;
  /** Chromium to run; else MAGEPROBE_CHROMIUM, else /usr/bin/chromium. */
  readonly executablePath?: string;
  /** Host resolver rules after the target's own; else MAGEPROBE_BROWSER_HOST_RULES (comma-separated). */
  readonly hostRules?: readonly string[];
}

/** Whole-page limit: load, settle and read back (a dripping page cannot hold the scan). */
export function pageLimitMs(target: Pick<Target, 'timeouts'>): number {
  return Math.max(2 * target.timeouts.requestMs, 10_000);
}

/**
 * Loads each of the target's payment pages in headless Chromium, one at a time, and records
 * what ran and what it connected to (probes/browser/page-facts.ts). One browser per call,
 * closed on every path, one at a time per process (browserTurn). Never throws for a browser
 * or store problem: each page's `problem` says why it could not be seen, so the judges can say
 * inconclusive.
 */
export async function visitPaymentPages(target: Target, opts: VisitOptions = {}): Promise<readonly PaymentPageVisit[]> {
  const paths = target.paymentPages;
  const stopped = (when: string): PageProblem => ({ kind: 'unusable', detail: `the scan stopped (target time budget spent) ${when}` });
  if (opts.signal?.aborted) return paths.map((path) => unseen(target, path, stopped('before this page was loaded')));
  const executablePath = chromiumPath(opts.executablePath);
  const extraRules = opts.hostRules ?? listFromEnv(HOST_RULES_ENV);
  // Chromium connects where `address` says, keeping the URL's host for Host, SNI and origin.
  const hostRules = [...(target.address ? [`MAP ${target.host} ${target.address.includes(':') ? `[${target.address}]` : target.address}`] : []), ...extraRules];
  const pin = await pinnedLeafKey(target);
  const release = await browserTurn(opts.signal);
  if (!release) return paths.map((path) => unseen(target, path, stopped("before this page was loaded (waiting for another target's browser)")));
  try {
    return await visitWithBrowser(target, paths, executablePath, hostRules, pin, opts, stopped);
  } finally {
    release();
  }
}

/**
 * One browser at a time in this process: a scan's targets run concurrently, and two Chromiums
 * at once would double the scan's memory (issue 12, ≤ 600 MB). Each target still gets its own
 * browser, as host resolver rules and pinned keys are browser-wide: two targets may give the
 * same host name two addresses (a store and its staging copy). Resolves to the release, or to
 * undefined when the signal aborts first (the turn is then passed on unused).
 */
let lastTurn: Promise<void> = Promise.resolve();
function browserTurn(signal?: AbortSignal): Promise<(() => void) | undefined> {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const ready = lastTurn.then(() => release);
  lastTurn = lastTurn.then(() => done);
  if (!signal) return ready;
  return new Promise((resolve) => {
    const abort = () => resolve(undefined);
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) abort();
    void ready.then((r) => {
      signal.removeEventListener('abort', abort);
      if (signal.aborted) r();
      resolve(signal.aborted ? undefined : r);
    });
  });
}

async function visitWithBrowser(
  target: Target,
  paths: readonly string[],
  executablePath: string,
  hostRules: readonly string[],
  pin: string | undefined,
  opts: VisitOptions,
  stopped: (when: string) => PageProblem,
): Promise<readonly PaymentPageVisit[]> {
  const launched = await launchChromium({ executablePath, hostRules, pinnedKeys: [...(pin ? [pin] : []), ...listFromEnv(PINNED_KEYS_ENV)] });
  if (!launched.ok) {
    const problem: PageProblem = { kind: 'no-browser', detail: launched.detail };
    return paths.map((path) => unseen(target, path, problem));
  }
  const browser = launched.browser;
  const stop = () => void closeBrowser(browser);
  opts.signal?.addEventListener('abort', stop, { once: true });
  const visits: PaymentPageVisit[] = [];
  const failed = (e: unknown, during: string): PageProblem => {
    if (isProgrammingError(e)) throw e;
    return {
      kind: 'unusable',
      detail: opts.signal?.aborted
        ? stopped(during).detail
        : `the browser failed: ${String((e as Error).message ?? e)
            .split('\n')[0]!
            .slice(0, 200)}`,
    };
  };
  try {
    const major = browser.version().split('.')[0];
    const context = await browser
      .newContext({
        // A customer's Chrome, not "HeadlessChrome" (skimmers hide from headless browsers), and honest about who asks.
        userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 mageprobe/${VERSION}`,
        acceptDownloads: false,
      })
      .catch((e: unknown) => failed(e, 'before the first page was loaded'));
    if (!('newPage' in context)) return paths.map((path) => unseen(target, path, context));
    // Every frame of every page: WebSocket data never leaves, no service worker registers (page-guard.ts).
    await context.addInitScript({ content: PAGE_GUARD });
    let targetRequests = 0;
    for (const path of paths) {
      if (opts.signal?.aborted) {
        visits.push(unseen(target, path, stopped('before this page was loaded')));
        continue;
      }
      if (targetRequests >= target.politeness.requestBudget) {
        visits.push(
          unseen(target, path, {
            kind: 'unusable',
            detail: `request budget of ${target.politeness.requestBudget} for this target is spent (politeness.requestBudget)`,
          }),
        );
        continue;
      }
      const url = new URL(path, target.url).href;
      const at = new Date();
      try {
        const record = await recordPage(context, {
          url,
          limitMs: pageLimitMs(target),
          onTarget: (u) => onTarget(target, u),
          targetHost: target.host,
          requestBudget: target.politeness.requestBudget - targetRequests,
        });
        targetRequests += record.targetRequests;
        // Closed under it by an abort: say so, not "no answer".
        visits.push(visitOf(target, path, url, record, at, browser.version(), opts.signal?.aborted ? stopped('while this page loaded') : undefined));
      } catch (e) {
        visits.push(unseen(target, path, failed(e, 'while this page loaded')));
      }
    }
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    await closeBrowser(browser);
  }
  return visits;
}

const listFromEnv = (name: string): string[] =>
  (process.env[name] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);

/** The target's own origins: its URL's, and the other scheme on its other port (never down to HTTP from HTTPS). */
function onTarget(target: Target, url: URL): boolean {
  if (url.hostname.replace(/^\[|\]$/g, '') !== target.host) return false;
  const base = new URL(target.url);
  if (url.origin === base.origin) return true;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return base.protocol === 'http:' && url.protocol === 'https:' && port === target.httpsPort;
}

function visitOf(target: Target, path: string, url: string, r: PageRecord, at: Date, browserVersion: string, stoppedBy?: PageProblem): PaymentPageVisit {
  const problem = stoppedBy ?? problemOf(target, url, r);
  const facts = {
    ...(r.finalUrl ? { finalUrl: r.finalUrl } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.redirects.length ? { redirects: r.redirects } : {}),
    ...(r.leftTarget ? { refusedOffTarget: r.leftTarget } : {}),
    ...(r.refused.length ? { refusedRequests: r.refused } : {}),
    ...(r.popupsClosed ? { popupsClosed: r.popupsClosed } : {}),
    scripts: r.scripts.length,
    connections: r.connections.length,
    elapsedMs: r.elapsedMs,
    limitMs: pageLimitMs(target),
    browser: `Chromium ${browserVersion}`,
    ...(problem ? { problem: problem.detail } : {}),
  };
  return {
    path,
    ...(r.finalUrl ? { finalUrl: r.finalUrl } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(problem ? { problem } : {}),
    headers: securityHeaders(r.headers),
    scripts: r.scripts,
    connections: r.connections,
    evidence: evidence(`browser GET ${url} → ${r.status ?? problem?.detail ?? 'no answer'}`, facts, r.address, at),
  };
}

/** Why the page cannot be judged, the same rule the HTTP checks use (probes/http/usable.ts). */
function problemOf(target: Target, url: string, r: PageRecord): PageProblem | undefined {
  if (r.leftTarget) {
    const down = new URL(r.leftTarget).protocol === 'http:' && new URL(target.url).protocol === 'https:' && new URL(r.leftTarget).hostname === target.host;
    return {
      kind: 'unusable',
      detail: down
        ? `redirects from HTTPS to plain HTTP (${r.leftTarget}), not followed`
        : `redirects to another origin (${r.leftTarget}), not the store at this URL; not followed`,
    };
  }
  if (r.timedOut)
    return { kind: 'unusable', detail: `did not finish loading within ${pageLimitMs(target) / 1000} s (per-page limit, twice timeouts.requestMs)` };
  if (r.loadError || r.status === undefined) return { kind: 'unusable', detail: `GET ${url}: no answer (${r.loadError ?? 'no response'})` };
  const body = r.body ?? Buffer.alloc(0);
  const headers = r.headers;
  const interference = recogniseInterference({ status: r.status, headers, body });
  const why = notTheStore({
    url: r.finalUrl ?? url,
    method: 'GET',
    status: r.status,
    headers,
    body,
    bodyTruncated: false,
    address: r.address ?? '',
    at: '',
    elapsedMs: r.elapsedMs,
    ...(interference ? { interference } : {}),
  });
  if (why) return { kind: 'unusable', detail: `GET ${r.finalUrl ?? url} → ${r.status}: ${why}` };
  // An error page (401, 403, 404, 410…) runs its own scripts, not the payment page's.
  if (r.status < 200 || r.status > 299) return { kind: 'unusable', detail: `GET ${r.finalUrl ?? url} answered ${r.status}: not the payment page` };
  // Seen only in part: the judges say inconclusive with what was lost, never pass.
  if (r.lost.length) return { kind: 'unusable', detail: `recorded only in part: ${r.lost.join('; ')}` };
  return undefined;
}

function unseen(target: Target, path: string, problem: PageProblem): PaymentPageVisit {
  const url = new URL(path, target.url).href;
  return { path, problem, headers: {}, scripts: [], connections: [], evidence: evidence(`browser GET ${url}: ${problem.kind}`, { problem: problem.detail }) };
}

/** How long a browser gets to close before its turn passes on anyway (Playwright still kills it when the process exits). */
const CLOSE_MS = 10_000;

/** Closed, or given up on after CLOSE_MS: a hung Chromium must not hold the browser from every later target. */
async function closeBrowser(browser: Browser): Promise<void> {
  await within(
    CLOSE_MS,
    browser.close().catch(() => undefined),
  );
}
