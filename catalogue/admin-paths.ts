/**
 * Well-known admin locations (ADM-01): Magento's default frontName, its index.php form,
 * and names people pick when they "hide" the admin. Modest on purpose: this is a
 * check of defaults, not a brute force of custom names.
 */
export const DEFAULT_ADMIN_PATHS: readonly string[] = [
  '/admin',
  '/index.php/admin',
  '/backend',
  '/index.php/backend',
  '/administrator',
  '/adminpanel',
  '/admin_panel',
  '/admin123',
  '/admin1',
  '/magento_admin',
  '/backoffice',
  '/manage',
  '/management',
  '/panel',
  '/cms',
  '/secure',
];

/** Redirects followed from an admin URL, within the site's host only. */
export const ADMIN_MAX_HOPS = 3;
