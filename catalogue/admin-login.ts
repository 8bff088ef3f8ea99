import { type LinearRegex, linear } from '../core/linear-regex.js';

/**
 * What makes a page Magento's admin login: both credential fields, plus at least
 * MIN_SUPPORTING of the other markers. One marker alone (a title, a field name in a
 * blog post) never does.
 */
export interface AdminLoginMarker {
  readonly name: string;
  /** CSS selector that must find an element. */
  readonly selector: string;
  /** When set, the element's text must match (RE2: linear time on server text). */
  readonly text?: LinearRegex;
  readonly required: boolean;
}

export const ADMIN_LOGIN_MARKERS: readonly AdminLoginMarker[] = [
  { name: 'login[username] field', selector: 'input[name="login[username]"]', required: true },
  { name: 'login[password] field', selector: 'input[name="login[password]"]', required: true },
  { name: 'hidden form_key', selector: 'input[type="hidden"][name="form_key"]', required: false },
  { name: 'body class adminhtml-auth-login', selector: 'body.adminhtml-auth-login', required: false },
  { name: 'title "Magento Admin"', selector: 'title', text: linear(/Magento Admin/i), required: false },
  { name: 'login form id', selector: 'form#login-form', required: false },
];

export const MIN_SUPPORTING = 2;
