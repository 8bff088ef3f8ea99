import type { SignatureId } from './signatures.js';

/**
 * Secrets never leave the scanner in a report: a proof quote is passed through these
 * rules first (`'password' => '***'`). Rules without `only` apply to every quote.
 */
export interface RedactionRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: string;
  readonly only?: readonly SignatureId[];
}

const SECRET_NAME = String.raw`[\w.-]*(?:pass(?:word|wd)?|key|secret|token|salt|auth|credential|dsn)[\w.-]*`;

export const REDACTIONS: readonly RedactionRule[] = [
  // PHP arrays and JSON: 'password' => 'x', "token": "x"
  { name: 'quoted secret value', pattern: new RegExp(String.raw`((['"])${SECRET_NAME}\2\s*(?:=>|:)\s*)(['"])(?:\\.|(?!\3).)*\3`, 'gi'), replace: '$1$3***$3' },
  // .env, ini: DB_PASSWORD=x
  { name: 'assigned secret value', pattern: new RegExp(String.raw`^(\s*(?:export\s+)?${SECRET_NAME}\s*=\s*).+$`, 'gim'), replace: '$1***' },
  // https://user:token@host
  { name: 'URL credentials', pattern: /(\b[a-z][\w+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, replace: '$1***@' },
  // composer auth.json: "username": "x", "password": "x" under http-basic (password covered above)
  { name: 'basic-auth user', pattern: /("username"\s*:\s*)"[^"]*"/gi, replace: '$1"***"' },
  { name: 'htpasswd hash', pattern: /^([^:\s<>]+:)\S+/gm, replace: '$1***', only: ['htpasswd'] },
  // A bearer token or long secret-looking string anywhere else.
  { name: 'long token', pattern: /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g, replace: '***' },
];
