import {
  ERROR_DISCLOSURES,
  ERROR_PROVOCATIONS,
  GRAPHQL_ERROR_SHAPE,
  MAGENTO_VERSION_ANSWER,
  PRODUCT_LOCKED,
  PRODUCT_REQUIRE,
  PROTECTED_REST_RESOURCES,
  REST_UNAUTHORIZED,
  STOREFRONT_MARKERS,
  VERSION_SOURCES,
} from '../../catalogue/magento-markers.js';
import type { SignatureId } from '../../catalogue/signatures.js';
import { linear } from '../../core/linear-regex.js';
import { randomId, randomToken } from '../../core/random-token.js';
import type { HttpClient } from '../http/client.js';
import type { HttpExchange } from '../http/exchange.js';
import { type Usable, usable, usableErrorPage } from '../http/usable.js';
import { matchSignatures } from './content.js';
import { withoutEchoes } from './fingerprint.js';
import { lineFromConstraint, type MagentoVersion, parseMagentoVersion } from './magento-version.js';

type Unusable = Extract<Usable, { ok: false }>;

// Bytes of each answer the patterns scan (all LinearRegex, so time is linear in these).
/** The home page as fetched: storefront markers sit anywhere in a large page. */
const STOREFRONT_SCAN_BYTES = 512 * 1024;
/** Set-Cookie values, as JSON (headers are capped at 64 KB by the client). */
const COOKIE_SCAN_CHARS = 64 * 1024;
/** Magento's GraphQL error answer to `{` is a few hundred bytes. */
const GRAPHQL_SCAN_BYTES = 16 * 1024;
/** Manifests as fetched: composer.lock lists the product package alphabetically, deep inside. */
const VERSION_SCAN_BYTES = 4 * 1024 * 1024;
/** Magento's REST refusal is a short JSON message. */
const REST_SCAN_CHARS = 16 * 1024;
/** Error pages as fetched: a trace may follow a long themed page. */
const ERROR_SCAN_BYTES = 256 * 1024;

const MAGENTO_COOKIE = linear(/X-Magento-Vary|mage-cache-sessid|PHPSESSID.*form_key/i);
const head = (body: Buffer, bytes: number) => body.subarray(0, bytes).toString('utf8');

/** Signs that the site is Magento 2, for the evidence of every MAG check. */
export interface MagentoFingerprint {
  readonly isMagento: boolean;
  readonly markers: readonly string[];
  readonly problems: readonly Unusable[];
}

export async function fingerprintMagento(client: HttpClient): Promise<MagentoFingerprint> {
  const [home, graphql] = await Promise.all([
    client.request({ path: '/', maxBody: 512 * 1024 }).then(usable),
    client.request({ path: '/graphql?query=%7B', headers: { accept: 'application/json' }, maxBody: 65_536 }).then(usable),
  ]);
  const markers: string[] = [];
  if (home.ok) {
    const text = head(home.exchange.body, STOREFRONT_SCAN_BYTES);
    for (const m of STOREFRONT_MARKERS) if (m.pattern.test(text)) markers.push(`home page: ${m.name}`);
    const cookies = JSON.stringify(home.exchange.headers['set-cookie'] ?? '').slice(0, COOKIE_SCAN_CHARS);
    if (MAGENTO_COOKIE.test(cookies)) markers.push('home page: Magento cookie');
  }
  if (graphql.ok && GRAPHQL_ERROR_SHAPE.test(head(graphql.exchange.body, GRAPHQL_SCAN_BYTES))) markers.push('/graphql: Magento GraphQL error shape');
  return { isMagento: markers.length >= 2, markers, problems: [home, graphql].filter((u): u is Unusable => !u.ok) };
}

/** A version disclosed at one URL. */
export interface VersionDisclosure {
  readonly url: string;
  readonly version: MagentoVersion;
  readonly edition?: string;
  /** The disclosing text, as seen. */
  readonly quote: string;
  readonly exchange: HttpExchange;
}

export interface VersionProbe {
  readonly disclosures: readonly VersionDisclosure[];
  /** Every source tried, for evidence. */
  readonly tried: readonly { path: string; status?: number; result: string }[];
  readonly problems: readonly Unusable[];
}

const SOURCE_SIGNATURE: Readonly<Record<string, SignatureId>> = {
  'composer-json': 'composer-json',
  'composer-lock': 'composer-lock',
  'composer-installed': 'composer-installed',
};

const PRECEDENCE = ['/composer.lock', '/vendor/composer/installed.json', '/composer.json', '/magento_version'];

/** `/magento_version` and the Composer manifests; only content in the expected format counts. */
export async function probeVersion(client: HttpClient): Promise<VersionProbe> {
  const disclosures: VersionDisclosure[] = [];
  const tried: { path: string; status?: number; result: string }[] = [];
  const problems: Unusable[] = [];
  await Promise.all(
    VERSION_SOURCES.map(async ({ path, reads }) => {
      const answer = usable(await client.request({ path, maxBody: 4 * 1024 * 1024 }));
      if (!answer.ok) {
        problems.push(answer);
        tried.push({ path, result: answer.reason });
        return;
      }
      const ex = answer.exchange;
      const text = head(ex.body, VERSION_SCAN_BYTES);
      const found = readVersion(reads, text, ex, path);
      if (found) disclosures.push(found);
      tried.push({ path, status: ex.status, result: found ? `discloses ${found.version.text}` : 'no version' });
    }),
  );
  // Exact releases first; among equals, the most authoritative source (lock before manifest).
  const rank = (d: VersionDisclosure) => (d.version.kind === 'release' ? 0 : 10) + PRECEDENCE.findIndex((p) => d.url.endsWith(p));
  const order = (t: { path: string }) => VERSION_SOURCES.findIndex((s) => s.path === t.path);
  return { disclosures: disclosures.sort((a, b) => rank(a) - rank(b)), tried: tried.sort((a, b) => order(a) - order(b)), problems };
}

function readVersion(reads: (typeof VERSION_SOURCES)[number]['reads'], text: string, ex: HttpExchange, path: string): VersionDisclosure | undefined {
  if (ex.status < 200 || ex.status >= 300) return undefined;
  if (reads === 'version-answer') {
    const m = MAGENTO_VERSION_ANSWER.exec(text.slice(0, 200));
    const version = m ? parseMagentoVersion(m[1]!) : undefined;
    return m && version ? { url: ex.url, version, edition: m[2]!, quote: flat(m[0]), exchange: ex } : undefined;
  }
  // A manifest counts only when its content proves the format (never an HTML page).
  if (!matchSignatures(ex.body, [SOURCE_SIGNATURE[reads]!], path, ex.bodyTruncated)) return undefined;
  const locked = PRODUCT_LOCKED.exec(text);
  if (locked) {
    const version = parseMagentoVersion(locked[2]!);
    if (version) return { url: ex.url, version, edition: locked[1]!, quote: flat(locked[0]), exchange: ex };
  }
  const required = PRODUCT_REQUIRE.exec(text);
  const version = required ? lineFromConstraint(required[2]!) : undefined;
  return required && version ? { url: ex.url, version, edition: required[1]!, quote: flat(required[0]), exchange: ex } : undefined;
}

const flat = (s: string) => s.slice(0, 200).replace(/\s+/g, ' ').trim();

/** How a protected REST resource answered an anonymous GET. */
export type RestReading = 'data' | 'refused by Magento' | 'refused' | 'not a Magento REST answer';

export interface RestObservation {
  readonly path: string;
  readonly answer: Usable;
  readonly reading?: RestReading;
}

export function readRest(ex: HttpExchange): RestReading {
  const text = ex.body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (ex.status === 401 && REST_UNAUTHORIZED.test(text.slice(0, REST_SCAN_CHARS))) return 'refused by Magento';
  if (ex.status === 401 || ex.status === 403) return 'refused';
  if (ex.status >= 200 && ex.status < 300 && json !== null && typeof json === 'object') {
    const keys = Array.isArray(json) ? json.length : Object.keys(json).filter((k) => k !== 'message' && k !== 'parameters').length;
    if (keys > 0) return 'data';
  }
  return 'not a Magento REST answer';
}

export async function probeRest(client: HttpClient): Promise<RestObservation[]> {
  return Promise.all(
    PROTECTED_REST_RESOURCES.map(async (path) => {
      const answer = usable(await client.request({ path, headers: { accept: 'application/json' }, maxBody: 65_536 }));
      return answer.ok ? { path, answer, reading: readRest(answer.exchange) } : { path, answer };
    }),
  );
}

/** What one provoked error page showed. */
export interface ErrorObservation {
  readonly what: string;
  readonly path: string;
  readonly answer: Usable;
  /** Disclosure markers found, each with the text that matched. */
  readonly disclosures: readonly { name: string; quote: string }[];
}

/** Trace text inside JSON comes escaped (\/var\/www, \\Magento); unescape before matching. */
function unescapeJsonish(s: string): string {
  return s.replaceAll('\\/', '/').replaceAll('\\\\', '\\').replaceAll('\\n', '\n');
}

export function findDisclosures(ex: HttpExchange, path: string): { name: string; quote: string }[] {
  const text = unescapeJsonish(withoutEchoes(head(ex.body, ERROR_SCAN_BYTES), path, false));
  return ERROR_DISCLOSURES.flatMap((d) => {
    const m = d.pattern.exec(text);
    return m ? [{ name: d.name, quote: m[0].replace(/\s+/g, ' ').slice(0, 160) }] : [];
  });
}

export async function provokeErrors(client: HttpClient): Promise<ErrorObservation[]> {
  return Promise.all(
    ERROR_PROVOCATIONS.map(async ({ what, path: template, method, body }) => {
      const path = template.replace('{rand}', randomToken(6)).replace('{digits}', randomId());
      const api = path.startsWith('/rest/') || path.startsWith('/graphql');
      const headers = { accept: api ? 'application/json' : '*/*', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
      const answer = usableErrorPage(
        await client.request({ path, headers, maxBody: 256 * 1024, ...(method ? { method } : {}), ...(body !== undefined ? { body } : {}) }),
      );
      return { what, path, answer, disclosures: answer.ok ? findDisclosures(answer.exchange, path) : [] };
    }),
  );
}
