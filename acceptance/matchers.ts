import { expect } from 'vitest';
import { randomToken } from '../core/random-token.js';
import { tlsScan } from '../suites/tls/facts.js';
import type { Finding } from './findings.js';
import { judgeBlock, judgeHeader, judgeMethod, judgeTlsVersions, LISTING_SIGNATURES, protocolNamed, type BlockProof } from './judges.js';
import { observeBlock, observeMethod, observePage } from './observe.js';
import { isStore, type Store } from './store.js';

/** toBlock's options: what else proves the path served (a directory listing always does). */
export interface BlockOptions {
  /** Text or RE2-compatible patterns the content behind the path carries (a CSV header, a file's first line). */
  readonly markers?: readonly (string | RegExp)[];
  /** Catalogue signatures (catalogue/signatures.ts) that prove it, e.g. 'sql-dump', 'gzip'. */
  readonly signatures?: BlockProof['signatures'];
}

export interface MethodOptions {
  /** Paths the method is sent to; default the home page and a path no store has (as MTH-01). */
  readonly paths?: readonly string[];
}

export interface HeaderOptions {
  /** The page whose headers count; default the target's URL (the page HDR-01..07 judge). */
  readonly path?: string;
}

/**
 * Matchers for `expect(store)` in a team's check(). Each gathers facts through the target's shared
 * probes, judges them (acceptance/judges.ts) and records the finding with its evidence in the case:
 * met → the case passes with it (unless another finding fails), not met → the case fails with it,
 * no usable answer → the case ends inconclusive there. They are async: always `await` them.
 */
export interface StoreMatchers<_R = unknown> {
  /** The path is not served: no content markers, and no 2xx other than the site's not-found page. */
  toBlock(path: string, opts?: BlockOptions): Promise<void>;
  /** The method (sent without a body) gets no 2xx answer. */
  toRefuseMethod(method: string, opts?: MethodOptions): Promise<void>;
  /** Exactly these TLS versions negotiate ('1.2', '1.3', 'SSLv3'…); every other is refused. */
  toAcceptOnlyTls(versions: readonly string[]): Promise<void>;
  /** The page carries the header, equal to `value` or matching it (RE2); any value when omitted. */
  toSendHeader(name: string, value?: string | RegExp, opts?: HeaderOptions): Promise<void>;
}

declare module 'vitest' {
  interface Matchers<T = any> extends StoreMatchers<T> {}
}

type Gather = (store: Store, ...args: never[]) => Promise<Finding>;

const GATHER = {
  toBlock: async (store: Store, path: string, opts: BlockOptions = {}) =>
    judgeBlock(await observeBlock(store.ctx, checkedPath(path, 'toBlock')), { signatures: [...LISTING_SIGNATURES, ...(opts.signatures ?? [])], markers: opts.markers ?? [] }),
  toRefuseMethod: async (store: Store, method: string, opts: MethodOptions = {}) => {
    if (!/^[A-Za-z][A-Za-z0-9-]{0,31}$/.test(method)) throw new TypeError(`toRefuseMethod: "${method}" is no HTTP method token`);
    const paths = (opts.paths ?? ['/', `/${randomToken(6)}.html`]).map((p) => checkedPath(p, 'toRefuseMethod'));
    return judgeMethod(method.toUpperCase(), await observeMethod(store.ctx, method.toUpperCase(), paths));
  },
  toAcceptOnlyTls: async (store: Store, versions: readonly string[]) => {
    if (!Array.isArray(versions) || !versions.length) throw new TypeError('toAcceptOnlyTls: name the versions, e.g. [\'1.2\', \'1.3\']');
    return judgeTlsVersions(store.target, [...new Set(versions.map(protocolNamed))], await tlsScan(store.ctx));
  },
  toSendHeader: async (store: Store, name: string, value?: string | RegExp, opts: HeaderOptions = {}) => {
    const page = await observePage(store.ctx, checkedPath(opts.path ?? new URL(store.target.url).pathname, 'toSendHeader'));
    return judgeHeader(name, value, page.hops, page.answer);
  },
} satisfies Record<keyof StoreMatchers, Gather>;

function checkedPath(path: string, matcher: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`${matcher}: "${String(path)}" is no path on the target (start it with /)`);
  return path;
}

expect.extend(
  Object.fromEntries(
    Object.entries(GATHER).map(([name, gather]) => [
      name,
      async function (this: { isNot: boolean }, received: unknown, ...args: unknown[]) {
        if (!isStore(received)) throw new TypeError(`${name}: expect() the store your check() was given, not ${typeof received}`);
        // "Does not block" is no control anyone audits, and would turn a blind spot into a pass.
        if (this.isNot) throw new TypeError(`expect(store).not.${name}() is not supported: state the control that must hold`);
        const finding = received.record(await (gather as (s: Store, ...a: unknown[]) => Promise<Finding>)(received, ...args));
        return { pass: finding.outcome === 'pass', message: () => `${received.check.id}: ${finding.message}` };
      },
    ]),
  ),
);
