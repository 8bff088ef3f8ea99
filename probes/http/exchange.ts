/** One HTTP request and what came back, as seen on the wire. */
export interface HttpExchange {
  readonly url: string;
  readonly method: string;
  readonly status: number;
  /** Lower-case names; repeated headers (set-cookie) keep every value. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** At most the client's body cap. */
  readonly body: Buffer;
  readonly bodyTruncated: boolean;
  /** Address connected to. */
  readonly address: string;
  readonly at: string;
  readonly elapsedMs: number;
  /** A WAF challenge or rate limit answered instead of the store (catalogue/interference.ts). */
  readonly interference?: string;
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
