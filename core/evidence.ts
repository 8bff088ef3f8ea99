/**
 * What a probe saw, kept verbatim enough for an auditor to attach. Reporters render
 * evidence generically: a label, when and where it was seen, and flat facts.
 */
export interface Evidence {
  /** One line: what this observation is ("GET https://shop/ → 200"). */
  readonly label: string;
  /** ISO 8601 time the observation was made. */
  readonly at: string;
  /** Address actually connected to (ip or ip:port), when there was a connection. */
  readonly address?: string;
  /** Facts as seen: status, headers, body excerpt, suites accepted… JSON-serialisable. */
  readonly facts: Readonly<Record<string, unknown>>;
}

export function evidence(label: string, facts: Record<string, unknown>, address?: string, at = new Date()): Evidence {
  return address === undefined ? { label, at: at.toISOString(), facts } : { label, at: at.toISOString(), address, facts };
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps a slice of 13+
 * characters (a regex match, `.slice`) or a concatenation as a view onto its parent string, so a
 * quote kept in evidence would keep the whole decoded page it quotes alive until the reports are
 * written: ~1 MB per disclosed page, per target, over a whole scan.
 */
export function detached(s: string): string {
  const encoding = /^[\u0000-\u00ff]*$/.test(s) ? 'latin1' : 'utf16le';
  return Buffer.from(s, encoding).toString(encoding);
}
