import type { AreaChecks } from '../../core/check.js';
import { net01 } from './net-01-allowed-ports.js';
import { net02 } from './net-02-database-ports.js';
import { net03 } from './net-03-backend-ports.js';

/** Network exposure (NET-01..03): one TCP connect scan with service identification, shared by the three. */
export const networkChecks: AreaChecks = { area: 'network', checks: [net01, net02, net03] };
