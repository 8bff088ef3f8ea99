import type { PathCandidate } from '../../catalogue/paths.js';
import type { HttpClient } from '../http/client.js';
import { type HttpExchange, header } from '../http/exchange.js';
import { type Usable, usable } from '../http/usable.js';
import { matchNotFound, type NotFoundBaseline } from './baseline.js';
import { matchSignatures, type SignatureMatch } from './content.js';

/** What one candidate URL turned out to be. Facts only; suites/paths judges. */
export type PathObservation =
  | { readonly kind: 'exposed'; readonly candidate: PathCandidate; readonly exchange: HttpExchange; readonly proof: SignatureMatch }
  /** Same status and page as a path that cannot exist. */
  | { readonly kind: 'not-found-like'; readonly candidate: PathCandidate; readonly exchange: HttpExchange; readonly like: string }
  /** Answered, but nothing in the content proves the file. */
  | { readonly kind: 'unproven'; readonly candidate: PathCandidate; readonly exchange: HttpExchange }
  | { readonly kind: 'unusable'; readonly candidate: PathCandidate; readonly problem: Extract<Usable, { ok: false }> };

/** First bytes asked of archives and dumps: enough for magic bytes and a dump header. */
const HEAD_BYTES = 4096;

export async function observePath(client: HttpClient, baseline: NotFoundBaseline, candidate: PathCandidate): Promise<PathObservation> {
  const result = usable(
    await client.request({
      path: candidate.path,
      ...(candidate.head ? { headers: { range: `bytes=0-${HEAD_BYTES - 1}` }, maxBody: HEAD_BYTES } : { maxBody: 512 * 1024 }),
    }),
  );
  if (!result.ok) return { kind: 'unusable', candidate, problem: result };
  const ex = result.exchange;
  const like = matchNotFound(baseline, ex, candidate.path);
  if (like) return { kind: 'not-found-like', candidate, exchange: ex, like: like.path };
  const proof = matchSignatures(ex.body, candidate.signatures, candidate.path, ex.bodyTruncated);
  return proof ? { kind: 'exposed', candidate, exchange: ex, proof } : { kind: 'unproven', candidate, exchange: ex };
}

export function observePaths(client: HttpClient, baseline: NotFoundBaseline, candidates: readonly PathCandidate[]): Promise<PathObservation[]> {
  return Promise.all(candidates.map((c) => observePath(client, baseline, c)));
}

/** One line per candidate for evidence: path, status, size, and what it was. */
export function observationFacts(o: PathObservation): Record<string, unknown> {
  if (o.kind === 'unusable') return { path: o.candidate.path, result: 'no usable answer', reason: o.problem.reason };
  const ex = o.exchange;
  return {
    path: o.candidate.path,
    status: ex.status,
    contentType: header(ex, 'content-type') ?? '',
    bytes: ex.body.length + (ex.bodyTruncated ? '+' : ''),
    result:
      o.kind === 'exposed' ? `exposed: ${o.proof.proves}` : o.kind === 'not-found-like' ? `same as the not-found page for ${o.like}` : 'content proves nothing',
  };
}
