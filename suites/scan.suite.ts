// The one vitest entry of a scan: every selected area's checks for every target of the plan,
// each target on one engine. `mageprobe scan` runs it; so does a team's vitest with mageprobe().
import { defineScan } from '../core/suite.js';
import { AREA_SUITES } from './areas.js';

await defineScan(AREA_SUITES);
