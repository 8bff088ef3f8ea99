import { createHash } from 'node:crypto';
import type { BrowserContext, CDPSession, Page, Request, Route } from 'playwright-core';
import { LOADER_SCAN_CHARS } from '../../catalogue/skimmer-indicators.js';
import { detached } from '../../core/evidence.js';
import { isProgrammingError } from '../../core/internal-error.js';
import { within } from '../../core/within.js';
import type { ConnectionKind, SeenConnection, SeenScript } from './page-facts.js';
import { isPageGuard } from './page-guard.js';
import { integrityMatches } from './sri.js';

/**
 * Loads one page in a fresh tab and records, over the DevTools protocol, every script that
 * was parsed in the page's own JavaScript world (Debugger.scriptParsed: <script src>, inline,
 * eval, new Function, injected elements), every connection it opened, and its document.
 * The tab is passive: nothing is clicked or typed, every request other than GET/HEAD/OPTIONS
 * is refused before it leaves the browser (so no form or beacon ever reaches a server) — in the
 * tab by its own Fetch interception, in out-of-process iframes and other pages by context-level
 * routing — and a main-frame navigation off the target is refused too. WebSocket frames cannot
 * be intercepted; page-guard.ts makes WebSocket.send a no-op in every frame instead, so a socket
 * is recorded but carries nothing. Whatever the recording misses is listed in `lost`.
 */
export interface RecordRequest {
  readonly url: string;
  /** Milliseconds for everything: load, settle, reading back. */
  readonly limitMs: number;
  /** Where the main frame may go (redirects followed within the target only). */
  readonly onTarget: (url: URL) => boolean;
  /** Host whose requests count against the target's request budget. */
  readonly targetHost: string;
  /** Requests to targetHost this page may still make (politeness.requestBudget); the rest are refused. */
  readonly requestBudget: number;
}

export interface PageRecord {
  readonly finalUrl?: string;
  readonly status?: number;
  /** The final document's response headers, lower-case names, repeated ones newline-joined. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly address?: string;
  /** Main-frame URLs before the final one (redirect hops). */
  readonly redirects: readonly string[];
  /** A main-frame request off the target that was refused. */
  readonly leftTarget?: string;
  /** Why the navigation failed (net::ERR_…), when it did. */
  readonly loadError?: string;
  readonly timedOut: boolean;
  readonly scripts: readonly SeenScript[];
  readonly connections: readonly SeenConnection[];
  /** Requests the page tried that would change state, refused: "POST https://…". */
  readonly refused: readonly string[];
  readonly targetRequests: number;
  /** Popups the page opened, closed at once. */
  readonly popupsClosed: number;
  /**
   * What the recording missed, in words ("3 script source(s) not read back"): a script or
   * connection dropped silently would let the judges pass a page they did not fully see.
   */
  readonly lost: readonly string[];
  readonly elapsedMs: number;
}

/** After load, wait for this long without new requests or scripts (late-injected skimmers)… */
const QUIET_MS = 500;
/** …but never longer than this after load. */
const SETTLE_MAX_MS = 3_000;
/** Time kept back from the page limit for reading the facts back. */
const READ_BACK_MS = 1_500;
// As the HTTP evidence keeps (probes/http/evidence.ts): enough to show an encoded loader.
const EXCERPT_CHARS = 400;
const MAX_SCRIPTS = 1_000;
const MAX_CONNECTIONS = 500;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Our isolated world: page scripts cannot see or alter what it records. */
const WORLD = '__mageprobe_recorder__';
/** Schemes of the browser's own pages (its error page runs scripts too). */
const BROWSER_OWN = /^(?:chrome|chrome-error|chrome-extension|devtools):/;

/** DevTools Network.ResourceType → what a connection is; undefined: recorded elsewhere or not at all. */
const CONNECTION_KIND: Readonly<Record<string, ConnectionKind | undefined>> = {
  Fetch: 'fetch',
  XHR: 'xhr',
  EventSource: 'eventsource',
  // navigator.sendBeacon and <a ping>.
  Ping: 'beacon',
  // Scripts are recorded as scripts; WebSockets by Network.webSocketCreated; preflights repeat their request.
  Script: undefined,
  WebSocket: undefined,
  Preflight: undefined,
};
/**
 * Why a script request can fail on the scanner's side of the wire, not the store's: the host's
 * network changed under Chromium (net_error_list.h NETWORK_CHANGED: another interface or
 * address came up), or the connection was reset, closed or timed out. A customer's browser
 * would have run that script, so the page was seen only in part (resets and timeouts are
 * inconclusive, never pass). A name that does not resolve is not here: no customer runs it either.
 */
const SCRIPT_LOST_TO = new Set([
  'net::ERR_NETWORK_CHANGED',
  'net::ERR_INTERNET_DISCONNECTED',
  'net::ERR_NETWORK_IO_SUSPENDED',
  'net::ERR_CONNECTION_RESET',
  'net::ERR_CONNECTION_CLOSED',
  'net::ERR_CONNECTION_ABORTED',
  'net::ERR_EMPTY_RESPONSE',
  'net::ERR_TIMED_OUT',
  'net::ERR_CONNECTION_TIMED_OUT',
  // The scanner's egress or a proxy in its path may refuse or cut what customers receive whole.
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_PROXY_CONNECTION_FAILED',
  'net::ERR_TUNNEL_CONNECTION_FAILED',
  'net::ERR_HTTP2_PROTOCOL_ERROR',
  'net::ERR_QUIC_PROTOCOL_ERROR',
  'net::ERR_CONTENT_LENGTH_MISMATCH',
  'net::ERR_INCOMPLETE_CHUNKED_ENCODING',
]);
/** TLS failures: an intercepting proxy on the scanner's side looks exactly like these. */
const SCRIPT_LOST_TO_PREFIXES = ['net::ERR_CERT_', 'net::ERR_SSL_'];
const scriptLostTo = (errorText: string) => SCRIPT_LOST_TO.has(errorText) || SCRIPT_LOST_TO_PREFIXES.some((p) => errorText.startsWith(p));
/** Requests that stay open by design and must not hold the page from settling. */
const LONG_LIVED = new Set(['EventSource', 'WebSocket']);

/**
 * Runs in our isolated world from document start: notes every <script> element added, with
 * its integrity attribute, before a page script can remove it. Prototype methods of this
 * world are used so page-side DOM clobbering cannot lie to it.
 */
const OBSERVER = `(() => {
  const seen = [];
  globalThis.__mageprobeScripts = seen;
  const note = (el) => {
    if (el instanceof HTMLScriptElement && el.src) seen.push([el.src, Element.prototype.getAttribute.call(el, 'integrity')]);
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      note(n);
      for (const s of Element.prototype.querySelectorAll.call(n, 'script')) note(s);
    }
  }).observe(document, { childList: true, subtree: true });
})()`;

const READ_BACK = `JSON.stringify((() => {
  const q = (sel) => [...Document.prototype.querySelectorAll.call(document, sel)];
  const attr = (el, name) => Element.prototype.getAttribute.call(el, name);
  const scripts = [...(globalThis.__mageprobeScripts || []), ...q('script[src]').map((s) => [s.src, attr(s, 'integrity')])];
  const forms = q('form').map((f) => { try { return new URL(attr(f, 'action') || '', document.baseURI).href; } catch { return ''; } });
  return { scripts, forms };
})())`;

interface ParsedScript {
  readonly url: string;
  readonly hasSourceURL: boolean;
  readonly source: string;
  readonly initiator?: string;
}

interface StackLike {
  readonly callFrames: readonly { readonly url: string }[];
  readonly parent?: StackLike;
}

export async function recordPage(context: BrowserContext, req: RecordRequest): Promise<PageRecord> {
  const started = performance.now();
  const deadline = started + req.limitMs;
  const left = () => Math.max(0, deadline - performance.now());
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  let lastActivity = performance.now();
  const activity = () => (lastActivity = performance.now());

  const defaultWorlds = new Set<number>();
  const ourWorld = new Map<string, number>();
  const parsed: Promise<ParsedScript | undefined>[] = [];
  const requests = new Map<string, { url: string; type: string; initiator?: string }>();
  const inflight = new Set<string>();
  const connections = new Map<string, SeenConnection>();
  const documents = new Map<string, string>(); // document URL → requestId
  const sriRefused = new Map<string, string | undefined>(); // URL → computed sha256 when Chromium said
  const refused = new Set<string>();
  // Seen by both interceptors when from the tab itself: said once.
  const refuse = (method: string, url: string) => void refused.add(`${method} ${url}`);
  const redirects: string[] = [];
  let mainFrame = '';
  let docRequestId: string | undefined;
  let docResponse: { url: string; status: number; headers: Record<string, string>; address?: string } | undefined;
  let leftTarget: string | undefined;
  let targetRequests = 0;
  const dropped = { scripts: 0, connections: 0 };
  const scriptsNotArrived: string[] = [];

  const addConnection = (kind: ConnectionKind, url: string, initiator?: string) => {
    let origin: string;
    try {
      // A WebSocket is fetched from the http(s) origin of its ws(s) URL (WHATWG WebSockets §4.1),
      // so it compares with script and page origins.
      origin = new URL(url.replace(/^ws(s?):/i, 'http$1:')).origin;
    } catch {
      return;
    }
    if (origin === 'null') return;
    // Images, styles and fonts of one origin are one fact; each fetch, beacon or socket is its own.
    const key = kind === 'other' ? `other ${origin}` : `${kind} ${url}`;
    if (connections.has(key)) return;
    if (connections.size >= MAX_CONNECTIONS) dropped.connections++;
    else connections.set(key, { kind, url, origin, ...(initiator ? { initiator } : {}) });
  };

  session.on('Runtime.executionContextCreated', ({ context: c }) => {
    const aux = c.auxData as { isDefault?: boolean; frameId?: string } | undefined;
    // The browser's own error page runs scripts in a default world too.
    if (aux?.isDefault && !BROWSER_OWN.test(c.origin)) defaultWorlds.add(c.id);
    if (c.name === WORLD && aux?.frameId) ourWorld.set(aux.frameId, c.id);
  });
  session.on('Debugger.scriptParsed', (e) => {
    // Only the page's own world: our recorder and Playwright's utility worlds are isolated ones.
    // The execution-context filter alone decides: a script's URL is the page's to choose
    // (`//# sourceURL=chrome-extension://…` names any script so), never a reason to drop it.
    if (!defaultWorlds.has(e.executionContextId)) return;
    activity();
    if (parsed.length >= MAX_SCRIPTS) {
      dropped.scripts++;
      return;
    }
    const initiator = stackUrl(e.stackTrace);
    parsed.push(
      session.send('Debugger.getScriptSource', { scriptId: e.scriptId }).then(
        (r) => ({ url: e.url, hasSourceURL: e.hasSourceURL === true, source: r.scriptSource, ...(initiator ? { initiator } : {}) }),
        () => undefined,
      ),
    );
  });
  session.on('Network.requestWillBeSent', (e) => {
    activity();
    const type = e.type ?? 'Other';
    const initiator = e.initiator.type === 'script' ? stackUrl(e.initiator.stack) : undefined;
    requests.set(e.requestId, { url: e.request.url, type, ...(initiator ? { initiator } : {}) });
    if (!LONG_LIVED.has(type)) inflight.add(e.requestId);
    if (type === 'Document' && e.frameId === mainFrame) {
      if (e.redirectResponse) redirects.push(e.redirectResponse.url);
      docRequestId = e.requestId;
      documents.set(e.request.url, e.requestId);
      return;
    }
    if (type === 'Document') documents.set(e.request.url, e.requestId);
    const kind = type in CONNECTION_KIND ? CONNECTION_KIND[type] : 'other';
    if (kind) addConnection(kind, e.request.url, initiator);
  });
  session.on('Network.responseReceived', (e) => {
    if (e.requestId !== docRequestId) return;
    const r = e.response;
    docResponse = {
      url: r.url,
      status: r.status,
      headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
      ...(r.remoteIPAddress ? { address: `${r.remoteIPAddress.includes(':') ? `[${r.remoteIPAddress}]` : r.remoteIPAddress}:${r.remotePort}` } : {}),
    };
  });
  const settled = (e: { requestId: string }) => {
    inflight.delete(e.requestId);
    activity();
  };
  session.on('Network.loadingFinished', settled);
  session.on('Network.loadingFailed', settled);
  session.on('Network.loadingFailed', (e) => {
    const r = requests.get(e.requestId);
    if (r?.type === 'Script' && scriptLostTo(e.errorText)) scriptsNotArrived.push(`${r.url} (${e.errorText})`);
  });
  session.on('Network.webSocketCreated', (e) => {
    activity();
    addConnection('websocket', e.url, e.initiator?.type === 'script' ? stackUrl(e.initiator.stack) : undefined);
  });
  // Chromium refuses a script whose integrity does not match and says so on the console
  // (W3C SRI §3.3.5 "Does response match metadataList"); the message names the URL.
  session.on('Log.entryAdded', ({ entry }) => {
    if (entry.source !== 'security' || !/integrity/i.test(entry.text)) return;
    const url = /'(https?:\/\/[^']+)'/.exec(entry.text)?.[1];
    if (url) sriRefused.set(url, /computed SHA-256 integrity '([A-Za-z0-9+/=]+)'/.exec(entry.text)?.[1]);
  });
  // The tab's own requests, redirect hops included (Playwright routing never sees a redirect hop):
  // GET/HEAD/OPTIONS only, the main frame on the target only, within the request budget.
  let overBudget = 0;
  session.on('Fetch.requestPaused', (e) => {
    const { method, url } = e.request;
    const offTarget = e.resourceType === 'Document' && e.frameId === mainFrame && !req.onTarget(new URL(url));
    if (offTarget) leftTarget ??= url;
    const unsafe = !SAFE_METHODS.has(method);
    if (unsafe) refuse(method, url);
    const spent = !offTarget && !unsafe && hostOf(url) === req.targetHost && targetRequests >= req.requestBudget;
    if (spent) overBudget++;
    else if (!offTarget && !unsafe && hostOf(url) === req.targetHost) targetRequests++;
    const answer =
      offTarget || unsafe || spent
        ? session.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' })
        : session.send('Fetch.continueRequest', { requestId: e.requestId });
    answer.catch(() => undefined);
  });
  // Context-level routing also sees the tab's out-of-process iframes and any other page, which
  // the tab's CDP session does not: the same GET/HEAD/OPTIONS rule there; another page's requests
  // are refused outright.
  let popups = 0;
  const guard = (route: Route, request: Request) => {
    const method = request.method();
    const url = request.url();
    let from: Page | undefined;
    try {
      from = request.frame().page();
    } catch {
      // No frame yet (a popup's first load): not ours to allow.
    }
    const unsafe = !SAFE_METHODS.has(method);
    if (unsafe) refuse(method, url);
    (unsafe || from !== page ? route.abort('blockedbyclient') : route.continue()).catch(() => undefined);
  };
  // The tab never opens another: a popup is closed at once (its requests are refused above).
  const closePopup = (p: Page) => {
    if (p === page) return;
    popups++;
    void p.close({ runBeforeUnload: false }).catch(() => undefined);
  };

  let loadError: string | undefined;
  let timedOut = false;
  try {
    mainFrame = (await session.send('Page.getFrameTree')).frameTree.frame.id;
    await session.send('Page.enable');
    await session.send('Page.addScriptToEvaluateOnNewDocument', { source: OBSERVER, worldName: WORLD });
    await session.send('Runtime.enable');
    await session.send('Debugger.enable');
    // A `debugger;` statement (an anti-analysis trick) must not stop the page.
    await session.send('Debugger.setSkipAllPauses', { skip: true });
    await session.send('Network.enable', { maxResourceBufferSize: 8 << 20, maxTotalBufferSize: 64 << 20 });
    // A service worker would answer requests out of the tab's sight (and Playwright's own
    // service-worker blocking runs a script in the page's world): requests go to the network.
    await session.send('Network.setBypassServiceWorker', { bypass: true });
    await session.send('Log.enable');
    context.on('page', closePopup);
    await context.route('**/*', guard);
    await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
    const loadBudget = Math.max(1, left() - READ_BACK_MS);
    try {
      await page.goto(req.url, { waitUntil: 'load', timeout: loadBudget });
    } catch (e) {
      // A bug of ours (a bad argument to goto) is not a page that failed to load.
      if (isProgrammingError(e)) throw e;
      const message = String((e as Error).message ?? e).split('\n')[0]!;
      if ((e as Error).name === 'TimeoutError') timedOut = true;
      else loadError = /net::ERR_[A-Z_]+/.exec(message)?.[0] ?? message.slice(0, 200);
    }
    if (!timedOut && !loadError) {
      const settleEnd = Math.min(performance.now() + SETTLE_MAX_MS, deadline - READ_BACK_MS);
      while (performance.now() < settleEnd && (inflight.size > 0 || performance.now() - lastActivity < QUIET_MS)) await sleep(50);
    }
    await session.send('Page.stopLoading').catch(() => undefined);

    const world = ourWorld.get(mainFrame);
    const dom =
      world === undefined || loadError
        ? undefined
        : await within(
            left(),
            session.send('Runtime.evaluate', { expression: READ_BACK, contextId: world, returnByValue: true }).then(
              (r) => JSON.parse(String(r.result.value)) as { scripts: [string, string | null][]; forms: string[] },
              () => undefined,
            ),
          );
    for (const action of dom?.forms ?? []) if (action) addConnection('form-action', action);
    const integrity = new Map<string, string>();
    for (const [src, value] of dom?.scripts ?? []) if (value) integrity.set(src, value);

    // Each source by the page deadline: one a hung renderer never returns loses only itself.
    const until = left();
    const seen = await Promise.all(parsed.map((p) => within(until, p)));
    const lost: string[] = [];
    if (dropped.scripts) lost.push(`${dropped.scripts} script(s) beyond the first ${MAX_SCRIPTS} not recorded`);
    if (dropped.connections) lost.push(`${dropped.connections} connection(s) beyond the first ${MAX_CONNECTIONS} not recorded`);
    const unread = seen.filter((p) => !p).length;
    if (unread) lost.push(`${unread} script source(s) not read back from the browser`);
    if (scriptsNotArrived.length) lost.push(`${scriptsNotArrived.length} script(s) did not arrive: ${scriptsNotArrived.slice(0, 3).join(', ')}`);
    if (overBudget) lost.push(`${overBudget} request(s) to the target refused: request budget of this target spent (politeness.requestBudget)`);
    if (!dom && !loadError) lost.push('the page DOM was not read back (form actions and integrity attributes unknown)');
    const html = new Map<string, string>();
    const unreadDocuments = new Set<string>();
    const documentText = async (url: string) => {
      const id = documents.get(url);
      if (!id || html.has(url)) return html.get(url);
      const text = await responseText(session, id, left());
      if (text !== undefined) html.set(url, text.replace(/\r\n?/g, '\n'));
      else unreadDocuments.add(url);
      return html.get(url);
    };
    const scriptInitiator = new Map<string, string>();
    for (const r of requests.values()) if (r.type === 'Script' && r.initiator && !scriptInitiator.has(r.url)) scriptInitiator.set(r.url, r.initiator);
    const scripts: SeenScript[] = [];
    const keys = new Set<string>();
    const add = (s: SeenScript) => {
      const key = `${s.kind} ${s.url ?? ''} ${s.sha256} ${s.initiator ?? ''}`;
      if (keys.has(key)) return;
      scripts.push(s);
      keys.add(key);
    };
    const scriptRequest = new Map<string, string>(); // URL → requestId of its last Script request
    for (const [id, r] of requests) if (r.type === 'Script') scriptRequest.set(r.url, id);
    // Matched only when a valid token's digest equals the body received (W3C SRI §3.3.5); no
    // valid metadata (unknown algorithm, garbage) means Chromium ran the script unchecked.
    const sriMatched = async (value: string, p: ParsedScript) => {
      const id = scriptRequest.get(p.url);
      const body = (id ? await responseBytes(session, id, left()) : undefined) ?? Buffer.from(p.source, 'utf8');
      return integrityMatches(value, body) === true;
    };
    for (const p of seen) {
      // Our own guard runs in the page's world too; only an exact copy of it is left out.
      if (!p || isPageGuard(p.source)) continue;
      const kind = await scriptKind(p, documents, documentText);
      const sha256 = sha256Base64(p.source);
      const excerpt = excerptOf(p.source);
      const head = headOf(p.source);
      if (kind === 'external') {
        const value = integrity.get(p.url);
        // The script that inserted the element, from the request's initiator (parser-inserted: none).
        const initiator = p.initiator ?? scriptInitiator.get(p.url);
        add({
          kind,
          url: p.url,
          origin: new URL(p.url).origin,
          sha256,
          excerpt,
          head,
          sri: value ? { present: true, integrity: value, matched: await sriMatched(value, p) } : { present: false },
          ...(initiator ? { initiator } : {}),
        });
        continue;
      }
      add({ kind, sha256, excerpt, head, ...(p.initiator ? { initiator: p.initiator } : {}) });
    }
    // Refused scripts never parse: their body comes from the network, the verdict from the console.
    for (const [url, computed] of sriRefused) {
      const id = [...requests].find(([, r]) => r.url === url && r.type === 'Script')?.[0];
      const body = id ? await responseText(session, id, left()) : undefined;
      const initiator = id ? requests.get(id)?.initiator : undefined;
      if (body === undefined && computed === undefined) lost.push(`the body of ${url} (refused by its integrity check) was not read back`);
      add({
        kind: 'external',
        url,
        origin: new URL(url).origin,
        sha256: body !== undefined ? sha256Base64(body) : (computed ?? ''),
        excerpt: body !== undefined ? excerptOf(body) : '(refused by the browser; body not kept)',
        ...(body !== undefined ? { head: headOf(body) } : {}),
        sri: { present: true, integrity: integrity.get(url) ?? '', matched: false },
        ...(initiator ? { initiator } : {}),
      });
    }
    const body = docRequestId && docResponse ? await responseText(session, docRequestId, left()) : undefined;
    return {
      ...(docResponse
        ? {
            finalUrl: docResponse.url,
            status: docResponse.status,
            headers: docResponse.headers,
            ...(docResponse.address ? { address: docResponse.address } : {}),
          }
        : { headers: {} }),
      ...(body !== undefined ? { body: Buffer.from(body) } : {}),
      redirects,
      ...(leftTarget ? { leftTarget } : {}),
      ...(loadError ? { loadError } : {}),
      timedOut,
      scripts,
      connections: [...connections.values()],
      refused: [...refused],
      targetRequests,
      popupsClosed: popups,
      lost: [...lost, ...[...unreadDocuments].map((u) => `the HTML of ${u} was not read back (inline and run-time scripts not told apart)`)],
      elapsedMs: Math.round(performance.now() - started),
    };
  } finally {
    context.off('page', closePopup);
    await context.unroute('**/*', guard).catch(() => undefined);
    await within(
      2_000,
      page.close({ runBeforeUnload: false }).catch(() => undefined),
    );
  }
}

/**
 * external: fetched from a URL. inline: the text is in the HTML as served. dynamic: anything
 * made at run time — eval and new Function (no URL), a //# sourceURL disguise, a data: or
 * blob: src, an inline <script> injected or document.write()n into the page.
 */
async function scriptKind(
  p: ParsedScript,
  documents: ReadonlyMap<string, string>,
  documentText: (url: string) => Promise<string | undefined>,
): Promise<SeenScript['kind']> {
  if (!p.url || p.hasSourceURL || !/^https?:/.test(p.url)) return 'dynamic';
  if (!documents.has(p.url)) return 'external';
  const html = await documentText(p.url);
  return html === undefined || html.includes(p.source.replace(/\r\n?/g, '\n')) ? 'inline' : 'dynamic';
}

async function responseBytes(session: CDPSession, requestId: string, ms: number): Promise<Buffer | undefined> {
  const r = await within(
    ms,
    session.send('Network.getResponseBody', { requestId }).catch(() => undefined),
  );
  if (!r) return undefined;
  return Buffer.from(r.body, r.base64Encoded ? 'base64' : 'utf8');
}

async function responseText(session: CDPSession, requestId: string, ms: number): Promise<string | undefined> {
  return (await responseBytes(session, requestId, ms))?.toString('utf8');
}

/**
 * The nearest script URL on a protocol stack trace (eval frames have none). A URL the script
 * chose itself (`//# sourceURL=chrome-extension://…`) is its name too, never skipped for the
 * script that eval'd it.
 */
function stackUrl(stack: StackLike | undefined): string | undefined {
  for (let s = stack; s; s = s.parent) for (const f of s.callFrames) if (f.url) return f.url;
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function excerptOf(source: string): string {
  return detached(source.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_CHARS));
}

/** The first characters SCR-04 scans for loaders. */
function headOf(source: string): string {
  return detached(source.slice(0, LOADER_SCAN_CHARS));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
