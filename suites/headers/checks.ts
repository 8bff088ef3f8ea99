import type { AreaChecks } from '../../core/check.js';
import { frameOptions } from './hdr-01-frame-options.js';
import { contentTypeOptions } from './hdr-02-content-type-options.js';
import { referrerPolicy } from './hdr-03-referrer-policy.js';
import { xssProtection } from './hdr-04-xss-protection.js';
import { contentSecurityPolicy } from './hdr-05-content-security-policy.js';
import { strictTransportSecurity } from './hdr-06-strict-transport-security.js';
import { versionDisclosure } from './hdr-07-version-disclosure.js';
import { headerConsistency } from './hdr-08-header-consistency.js';
import { sessionCookies } from './hdr-09-session-cookies.js';
import { httpsRedirect } from './tls-07-https-redirect.js';

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
