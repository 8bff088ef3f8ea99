import { randomToken } from '../../core/random-token.js';
import type { HttpClient } from '../http/client.js';
import { type HttpExchange, header } from '../http/exchange.js';
import { type Usable, usable } from '../http/usable.js';
import { type BodyFingerprint, fingerprint, similarity } from './fingerprint.js';

/** How the site answered one path that cannot exist. */
export interface NotFoundSample {
  readonly path: string;
  readonly status: number;
  readonly contentType: string;
  readonly bytes: number;
  readonly fingerprint: BodyFingerprint;
  readonly address: string;
}

/** The site's answers for missing things, learned before judging any candidate path. */
export interface NotFoundBaseline {
  readonly samples: readonly NotFoundSample[];
  /** Baseline requests that got no usable answer. */
  readonly unusable: readonly Extract<Usable, { ok: false }>[];
}

/** Paths that exist on no site: bare, with extensions, hidden, and under Magento's directories. */
export function baselinePaths(): string[] {
  const t = () => randomToken(6);
  return [
    `/${t()}`,
    `/${t()}.php`,
    `/${t()}.html`,
    `/${t()}.txt`,
    `/${t()}/`,
    `/.${t()}`,
    `/${t()}.sql.gz`,
    `/app/etc/${t()}.php`,
    `/var/${t()}.log`,
    `/var/${t()}/`,
    `/media/${t()}.jpg`,
    `/pub/media/${t()}/`,
  ];
}

/** Similarity above which a candidate's answer counts as the not-found page. */
const SAME_PAGE = 0.9;

export async function learnNotFound(client: HttpClient): Promise<NotFoundBaseline> {
  const results = await Promise.all(baselinePaths().map(async (path) => ({ path, result: usable(await client.request({ path, maxBody: 65_536 })) })));
  const samples: NotFoundSample[] = [];
  const bad: Extract<Usable, { ok: false }>[] = [];
  for (const { path, result } of results) {
    if (!result.ok) bad.push(result);
    else samples.push(sample(path, result.exchange));
  }
  return { samples, unusable: bad };
}

function sample(path: string, ex: HttpExchange): NotFoundSample {
  return {
    path,
    status: ex.status,
    contentType: header(ex, 'content-type') ?? '',
    bytes: ex.body.length,
    fingerprint: fingerprint(ex.body, path),
    address: ex.address,
  };
}

/** The baseline sample a candidate's answer looks like (same status, same page), if any. */
export function matchNotFound(baseline: NotFoundBaseline, ex: HttpExchange, path: string): NotFoundSample | undefined {
  const fp = fingerprint(ex.body, path);
  return baseline.samples.find((s) => s.status === ex.status && similarity(s.fingerprint, fp) >= SAME_PAGE);
}

/** The baseline as evidence facts: what a missing page looks like on this site. */
export function baselineFacts(baseline: NotFoundBaseline): Record<string, unknown>[] {
  return baseline.samples.map((s) => ({
    path: s.path,
    status: s.status,
    contentType: s.contentType,
    bytes: s.bytes,
    normalisedSha256: s.fingerprint.sha256.slice(0, 16),
  }));
}
