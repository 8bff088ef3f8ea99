import { type LinearRegex, linear } from '../core/linear-regex.js';
import type { SignatureId } from './signatures.js';

/**
 * Secrets never leave the scanner in a report: a proof quote is passed through these
 * rules first (`'password' => '***'`). Rules without `only` apply to every quote.
 * Patterns are LinearRegex (RE2: no lookaround or backreference), so a quote of any
 * shape is redacted in linear time.
 */
export interface RedactionRule {
  readonly name: string;
  readonly pattern: LinearRegex;
  /** `$1` names a group; a function gets the match and decides. */
  readonly replace: string | ((match: string) => string);
  readonly only?: readonly SignatureId[];
}

const SECRET_NAME = String.raw`[\w.-]*(?:pass(?:word|wd)?|key|secret|token|salt|auth|credential|dsn)[\w.-]*`;
const rule = (source: string, flags: string) => linear(new RegExp(source, flags));

export const REDACTIONS: readonly RedactionRule[] = [
  // PHP arrays and JSON: 'password' => 'x', "token": "x" (the value keeps its own quote; escapes stay inside it)
  {
    name: 'quoted secret value',
    pattern: rule(String.raw`((?:'${SECRET_NAME}'|"${SECRET_NAME}")\s*(?:=>|:)\s*)(?:(')(?:\\[^\n]|[^'\\\n])*'|(")(?:\\[^\n]|[^"\\\n])*")`, 'i'),
    replace: '$1$2$3***$2$3',
  },
  // .env, ini: DB_PASSWORD=x
  { name: 'assigned secret value', pattern: rule(String.raw`^(\s*(?:export\s+)?${SECRET_NAME}\s*=\s*).+$`, 'im'), replace: '$1***' },
  // https://user:token@host
  { name: 'URL credentials', pattern: linear(/(\b[a-z][\w+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/i), replace: '$1***@' },
  // composer auth.json: "username": "x", "password": "x" under http-basic (password covered above)
  { name: 'basic-auth user', pattern: linear(/("username"\s*:\s*)"[^"]*"/i), replace: '$1"***"' },
  { name: 'htpasswd hash', pattern: linear(/^([^:\s<>]+:)\S+/m), replace: '$1***', only: ['htpasswd'] },
  // A bearer token or long secret-looking string anywhere else: a long word with both letters and digits.
  { name: 'long token', pattern: linear(/\b[A-Za-z0-9_-]{32,}\b/), replace: (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? '***' : m) },
];
