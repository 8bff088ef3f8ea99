import type { AreaChecks } from '../../core/check.js';
import { scr01 } from './scr-01-authorised-scripts.js';
import { scr02 } from './scr-02-script-integrity.js';
import { scr03 } from './scr-03-header-integrity.js';
import { scr04 } from './scr-04-skimmer-indicators.js';

/** Payment-page scripts (SCR-01..04, PCI DSS 6.4.3 and 11.6.1): one browser visit per target, judged four ways. */
export const scriptChecks: AreaChecks = { area: 'scripts', checks: [scr01, scr02, scr03, scr04] };
