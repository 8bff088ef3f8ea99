import type { AreaChecks } from '../../core/check.js';
import { certificateSound } from './certificate.js';
import { strongCipherSuitesOnly } from './cipher-suites.js';
import { legacyProtocolsRefused, modernProtocolsOffered } from './protocols.js';
import { compressionAndRenegotiation } from './renegotiation.js';
import { noSessionTickets } from './tickets.js';

/** TLS-01..06 (TLS-07, the HTTP redirect, belongs to the headers area). */
export const tlsChecks: AreaChecks = {
  area: 'tls',
  checks: [legacyProtocolsRefused, modernProtocolsOffered, strongCipherSuitesOnly, certificateSound, noSessionTickets, compressionAndRenegotiation],
};
