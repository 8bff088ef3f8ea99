/** One HTTP request and what came back, as seen on the wire. */
export interface HttpExchange {
  readonly url: string;
  readonly method: string;
  readonly status: number;
  /** Lower-case names; repeated headers (set-cookie) keep every value. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** The body as the client reads it: Content-Encoding decoded, at most the client's body cap. */
  readonly body: Buffer;
  readonly bodyTruncated: boolean;
  /** Set when the body came with a Content-Encoding (asked for or not). */
  readonly decoding?: BodyDecoding;
  /** Set on a 3xx answer with a Location: where it points, seen from the target. */
  readonly redirect?: RedirectFact;
  /** Address connected to. */
  readonly address: string;
  readonly at: string;
  readonly elapsedMs: number;
  /** A WAF challenge or rate limit answered instead of the store (catalogue/interference.ts). */
  readonly interference?: string;
}

/** How a Content-Encoding was undone: what came over the wire and what was judged. */
export interface BodyDecoding {
  /** Codings as sent, e.g. "gzip" or "deflate, br". */
  readonly encoding: string;
  readonly wireBytes: number;
  readonly decodedBytes: number;
  /** Decoding stopped at the body cap (a decompression bomb stops here). */
  readonly capped: boolean;
  /** Why the body could not be (fully) decoded: an unknown coding or corrupt data. */
  readonly error?: string;
}

/**
 * Where a redirect leads: on the target (same origin, or the target's own other origin as in
 * HTTP → HTTPS), from HTTPS down to plain HTTP, or to another origin.
 */
export interface RedirectFact {
  readonly to: string;
  readonly leads: 'target' | 'plain-http' | 'other-origin';
  /** Set when the target's own URL redirects to another origin: where to scan instead. */
  readonly targetMovedTo?: string;
}

/** Why no usable answer came back: each is inconclusive, never pass. */
export type HttpFailureKind = 'timeout' | 'refused' | 'reset' | 'unreachable' | 'tls' | 'garbage' | 'budget' | 'other';

export interface HttpFailure {
  readonly url: string;
  readonly method: string;
  readonly kind: HttpFailureKind;
  readonly error: string;
  readonly address: string;
  readonly at: string;
}

export type HttpResult = { readonly ok: true; readonly exchange: HttpExchange } | { readonly ok: false; readonly failure: HttpFailure };

/** First value of a header, or undefined. */
export function header(ex: HttpExchange, name: string): string | undefined {
  const v = ex.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : (v as string | undefined);
}

/** Every value of a header (set-cookie), possibly none. */
export function headerValues(ex: HttpExchange, name: string): readonly string[] {
  const v = ex.headers[name.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v as string];
}

export function bodyText(ex: HttpExchange): string {
  return ex.body.toString('utf8');
}
