import type { AreaChecks } from '../../core/check.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { contentTypeOptions } from './content-type-options.js';
import { frameOptions } from './frame-options.js';
import { headerConsistency } from './header-consistency.js';
import { httpsRedirect } from './https-redirect.js';
import { referrerPolicy } from './referrer-policy.js';
import { sessionCookies } from './session-cookies.js';
import { strictTransportSecurity } from './strict-transport-security.js';
import { versionDisclosure } from './version-disclosure.js';
import { xssProtection } from './xss-protection.js';

/** Response headers: HDR-01..09 and TLS-07 (the plain-HTTP redirect is judged from the same requests). */
export const headerChecks: AreaChecks = {
  area: 'headers',
  checks: [
    httpsRedirect,
    frameOptions,
    contentTypeOptions,
    referrerPolicy,
    xssProtection,
    contentSecurityPolicy,
    strictTransportSecurity,
    versionDisclosure,
    headerConsistency,
    sessionCookies,
  ],
};
