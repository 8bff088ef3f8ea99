import type { AreaChecks } from '../../core/check.js';
import { mth01 } from './mth-01-unwanted-methods.js';
import { mth02 } from './mth-02-trace-track.js';

/** HTTP methods (MTH-01..02): what the storefront answers to methods a shop never needs. */
export const methodChecks: AreaChecks = { area: 'methods', checks: [mth01, mth02] };
