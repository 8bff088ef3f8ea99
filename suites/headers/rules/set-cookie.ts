import { trimTabSpace } from './field-values.js';

/**
 * A Set-Cookie field line as RFC 6265bis §5.6 ("The Set-Cookie Header Field") parses it.
 * Each line is one cookie (RFC 9110 §5.3: Set-Cookie lines are never combined).
 */
export interface SetCookie {
  readonly name: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /**
   * §5.6.7: "Strict" or "Lax" (case-insensitive) protect; "None" does not; any other value
   * leaves enforcement "Default", as if the attribute were absent. The last one wins.
   */
  readonly sameSite: 'strict' | 'lax' | 'none' | 'default';
  /** The last SameSite value as sent, when it was sent. */
  readonly sameSiteSent?: string;
}

/** §5.6: attribute values longer than this are ignored. */
const MAX_ATTRIBUTE_VALUE = 1024;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
const SAME_SITE: ReadonlyMap<string, SetCookie['sameSite']> = new Map([
  ['strict', 'strict'],
  ['lax', 'lax'],
  ['none', 'none'],
]);

/** The cookie a browser stores from one Set-Cookie line, or undefined when it ignores the line. */
export function parseSetCookie(line: string): SetCookie | undefined {
  if (CONTROL.test(line)) return undefined;
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = trimTabSpace(eq < 0 ? '' : pair.slice(0, eq));
  const value = trimTabSpace(eq < 0 ? pair : pair.slice(eq + 1));
  if (!name && !value) return undefined;
  let secure = false;
  let httpOnly = false;
  let sameSite: SetCookie['sameSite'] = 'default';
  let sameSiteSent: string | undefined;
  for (const av of attributes) {
    const at = av.indexOf('=');
    const key = trimTabSpace(at < 0 ? av : av.slice(0, at)).toLowerCase();
    const val = at < 0 ? '' : trimTabSpace(av.slice(at + 1));
    if (val.length > MAX_ATTRIBUTE_VALUE) continue;
    if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') {
      sameSite = SAME_SITE.get(val.toLowerCase()) ?? 'default';
      sameSiteSent = val;
    }
  }
  return { name, secure, httpOnly, sameSite, ...(sameSiteSent !== undefined ? { sameSiteSent } : {}) };
}
