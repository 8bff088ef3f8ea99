import type { AreaChecks } from '../../core/check.js';
import { legacyProtocolsRefused } from './tls-01-legacy-protocols.js';
import { modernProtocolsOffered } from './tls-02-modern-protocols.js';
import { strongCipherSuitesOnly } from './tls-03-cipher-suites.js';
import { certificateSound } from './tls-04-certificate.js';
import { noSessionTickets } from './tls-05-session-tickets.js';
import { compressionAndRenegotiation } from './tls-06-compression-renegotiation.js';

/** TLS-01..06 (TLS-07, the HTTP redirect, belongs to the headers area). */
export const tlsChecks: AreaChecks = {
  area: 'tls',
  checks: [legacyProtocolsRefused, modernProtocolsOffered, strongCipherSuitesOnly, certificateSound, noSessionTickets, compressionAndRenegotiation],
};
