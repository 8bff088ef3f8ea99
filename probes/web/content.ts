import { constants, gunzipSync } from 'node:zlib';
import { SIGNATURES, type Signature, type SignatureId } from '../../catalogue/signatures.js';
import { REDACTIONS } from '../../catalogue/signatures-redaction.js';
import { type LinearMatch, linear } from '../../core/linear-regex.js';
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
 * Bytes of a body the signature patterns scan. A genuine file shows its markers in its
 * first lines (a dump header, `[core]`, a listing's title); a log or lock file is long but
 * opens with them. The cap bounds the matching time of any body, however large.
 * (JSON shape, where asked, is still checked on the whole body: JSON.parse is linear.)
 */
export const SIGNATURE_SCAN_BYTES = 64 * 1024;
/** Bytes of a body looked at to tell an HTML page. */
const HTML_SNIFF_BYTES = 4096;
/** Characters of a quote redacted and kept: a quote is a few lines of QUOTE_CHARS at most. */
const REDACT_INPUT_CHARS = 16 * QUOTE_CHARS;
/** Characters flattened into one quote line (the quote keeps QUOTE_CHARS of them). */
const ONE_LINE_INPUT_CHARS = 4 * QUOTE_CHARS;

const HTML_OPENING = linear(/^<(?:!doctype\s+html|html|head|body|title|meta)\b/i);
const MARKUP_OPENING = linear(/^<[a-z!]/i);
const CLOSING_TAG = linear(/<\/[a-z]+>/i);
const DOCUMENT_ELEMENT = linear(/<(?:html|body)[\s>]/i);
/**
 * Whether a body is an HTML page (which never proves a non-HTML file): it opens with
 * markup (not `<?php`), or carries a document's html/body element early on. A dump or
 * log with HTML inside its data opens with its own header, so it is not mistaken.
 */
export function looksLikeHtml(body: Buffer): boolean {
  const text = body.subarray(0, HTML_SNIFF_BYTES).toString('utf8');
  const head = (text.startsWith('\uFEFF') ? text.slice(1) : text).trimStart();
  if (HTML_OPENING.test(head)) return true;
  if (MARKUP_OPENING.test(head) && CLOSING_TAG.test(head)) return true;
  return DOCUMENT_ELEMENT.test(head.slice(0, 1024));
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
  const text = withoutEchoes(body.subarray(0, SIGNATURE_SCAN_BYTES).toString('utf8'), path, false);
  if (sig.jsonObject && !jsonObjectShape(withoutEchoes(body.toString('utf8'), path, false), truncated)) return undefined;
  if (sig.all && !sig.all.every((re) => re.test(text))) return undefined;
  let quoted: LinearMatch | null = null;
  if (sig.any) {
    for (const re of sig.any) {
      quoted = re.exec(text);
      if (quoted) break;
    }
    if (!quoted) return undefined;
  } else if (sig.all?.[0]) {
    quoted = sig.all[0].exec(text);
  }
  const also = (sig.quoteAlso ?? [])
    .map((re) => re.exec(text))
    .filter((m): m is LinearMatch => m !== null)
    .map((m) => lineAround(text, m));
  return { signature: sig.id, proves: sig.proves, quote: redact([lineAround(text, quoted), ...also].join(' … '), sig.id) };
}

function jsonObjectShape(text: string, truncated: boolean): boolean {
  if (truncated) return text.trimStart().startsWith('{');
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The line holding the match (or its first 160 characters). */
function lineAround(text: string, m: LinearMatch | null): string {
  if (!m) return oneLine(text);
  const start = text.lastIndexOf('\n', m.index) + 1;
  const endNl = text.indexOf('\n', m.index + Math.max(1, m[0].length) - 1);
  const line = text.slice(start, endNl < 0 ? undefined : endNl);
  // A long line (minified HTML) is quoted from the match on, not from its start.
  return oneLine(line.trim() && line.length <= QUOTE_CHARS ? line : text.slice(m.index, m.index + QUOTE_CHARS));
}

function oneLine(s: string): string {
  const flat = s
    .slice(0, ONE_LINE_INPUT_CHARS)
    .replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat;
}

/** Applies the redaction rules of catalogue/signatures-redaction.ts to (at most REDACT_INPUT_CHARS of) a quote. */
export function redact(text: string, signature?: SignatureId): string {
  return REDACTIONS.filter((r) => !r.only || (signature !== undefined && r.only.includes(signature))).reduce(
    (s, r) => r.pattern.replaceAll(s, r.replace),
    text.slice(0, REDACT_INPUT_CHARS),
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
