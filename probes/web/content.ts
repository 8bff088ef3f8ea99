import { gunzipSync, constants } from 'node:zlib';
import { REDACTIONS } from '../../catalogue/signatures-redaction.js';
import { SIGNATURES, type Signature, type SignatureId } from '../../catalogue/signatures.js';
import { withoutEchoes } from './fingerprint.js';

/** What proved a response to be a sensitive file: the signature and a redacted quote. */
export interface SignatureMatch {
  readonly signature: SignatureId;
  readonly proves: string;
  /** Short, secrets redacted: safe to print in a JUnit failure message. */
  readonly quote: string;
}

const QUOTE_CHARS = 160;
/**
 * Whether a body is an HTML page (which never proves a non-HTML file): it opens with
 * markup (not `<?php`), or carries a document's html/body element early on. A dump or
 * log with HTML inside its data opens with its own header, so it is not mistaken.
 */
export function looksLikeHtml(body: Buffer): boolean {
  const head = body.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^<(?:!doctype\s+html|html|head|body|title|meta)\b/i.test(head)) return true;
  if (/^<[a-z!]/i.test(head) && /<\/[a-z]+>/i.test(head)) return true;
  return /<(?:html|body)[\s>]/i.test(head.slice(0, 1024));
}

/** The first of `ids` whose markers the body carries, with the requested path's echoes cut out. */
export function matchSignatures(body: Buffer, ids: readonly SignatureId[], path: string, truncated = false): SignatureMatch | undefined {
  for (const id of ids) {
    const found = matchOne(SIGNATURES[id], body, path, truncated);
    if (found) return found;
  }
  return undefined;
}

function matchOne(sig: Signature, body: Buffer, path: string, truncated: boolean): SignatureMatch | undefined {
  if (sig.magic) {
    const hex = body.subarray(0, 16).toString('hex');
    if (!sig.magic.some((m) => hex.startsWith(m))) return undefined;
    const peek = sig.peekGzip ? gunzipPeek(body) : undefined;
    return { signature: sig.id, proves: sig.proves, quote: redact(`${hex.slice(0, 16)}… (${sig.proves})${peek ? `; starts: ${oneLine(peek)}` : ''}`, sig.id) };
  }
  const html = looksLikeHtml(body);
  if (sig.html === 'forbidden' && html) return undefined;
  if (sig.html === 'required' && !html) return undefined;
  const text = withoutEchoes(body.toString('utf8'), path, false);
  if (sig.jsonObject && !jsonObjectShape(text, truncated)) return undefined;
  if (sig.all && !sig.all.every((re) => re.test(text))) return undefined;
  let quoted: RegExpExecArray | null = null;
  if (sig.any) {
    for (const re of sig.any) {
      quoted = re.exec(text);
      if (quoted) break;
    }
    if (!quoted) return undefined;
  } else if (sig.all?.[0]) {
    quoted = sig.all[0].exec(text);
  }
  const also = (sig.quoteAlso ?? []).map((re) => re.exec(text)).filter((m): m is RegExpExecArray => m !== null).map((m) => lineAround(text, m));
  return { signature: sig.id, proves: sig.proves, quote: redact([lineAround(text, quoted), ...also].join(' … '), sig.id) };
}

function jsonObjectShape(text: string, truncated: boolean): boolean {
  if (truncated) return /^\s*\{/.test(text);
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The line holding the match (or its first 160 characters). */
function lineAround(text: string, m: RegExpExecArray | null): string {
  if (!m) return oneLine(text);
  const start = text.lastIndexOf('\n', m.index) + 1;
  const endNl = text.indexOf('\n', m.index + Math.max(1, m[0].length) - 1);
  const line = text.slice(start, endNl < 0 ? undefined : endNl);
  // A long line (minified HTML) is quoted from the match on, not from its start.
  return oneLine(line.trim() && line.length <= QUOTE_CHARS ? line : text.slice(m.index, m.index + QUOTE_CHARS));
}

function oneLine(s: string): string {
  const flat = s.replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat;
}

/** Applies the redaction rules of catalogue/signatures-redaction.ts. */
export function redact(text: string, signature?: SignatureId): string {
  return REDACTIONS.filter((r) => !r.only || (signature !== undefined && r.only.includes(signature))).reduce(
    (s, r) => s.replace(r.pattern, r.replace),
    text,
  );
}

/** The first bytes of a (possibly cut-off) gzip stream, decompressed. */
function gunzipPeek(body: Buffer): string | undefined {
  try {
    return gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, 400).toString('utf8');
  } catch {
    return undefined;
  }
}
