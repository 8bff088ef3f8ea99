import { createHash } from 'node:crypto';
import { detached, type Evidence, evidence } from '../../core/evidence.js';
import type { HttpExchange, HttpFailure } from './exchange.js';

const EXCERPT_CHARS = 400;

/** An exchange as evidence: request line, status, headers, body excerpt and hash, address, time. */
export function exchangeEvidence(ex: HttpExchange, excerpt?: string): Evidence {
  return evidence(
    `${ex.method} ${ex.url} → ${ex.status}`,
    {
      status: ex.status,
      headers: ex.headers,
      bodyBytes: ex.body.length + (ex.bodyTruncated ? '+' : ''),
      ...(ex.decoding ? { contentDecoded: decodingFact(ex) } : {}),
      ...(ex.redirect && ex.redirect.leads !== 'target' ? { redirectsOffTarget: ex.redirect } : {}),
      bodySha256: createHash('sha256').update(ex.body).digest('hex'),
      // A caller's quote is cut from the decoded body: copied, so the evidence does not keep the body alive.
      bodyExcerpt: excerpt !== undefined ? detached(excerpt) : printable(ex.body.subarray(0, EXCERPT_CHARS * 2).toString('utf8')).slice(0, EXCERPT_CHARS),
      elapsedMs: ex.elapsedMs,
      ...(ex.interference ? { interference: ex.interference } : {}),
    },
    ex.address,
    new Date(ex.at),
  );
}

/** "gzip: 812 wire bytes → 4096 decoded bytes (capped)": the body judged was decoded from this. */
function decodingFact(ex: HttpExchange): string {
  const d = ex.decoding!;
  const notes = [d.capped ? 'capped' : '', d.error ?? ''].filter(Boolean).join('; ');
  return `${d.encoding}: ${d.wireBytes} wire bytes → ${d.decodedBytes} decoded bytes${notes ? ` (${notes})` : ''}`;
}

export function failureEvidence(f: HttpFailure): Evidence {
  return evidence(`${f.method} ${f.url} → no answer (${f.kind})`, { kind: f.kind, error: f.error }, f.address, new Date(f.at));
}

function printable(s: string): string {
  return s.replace(/[^\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]/g, '.');
}
