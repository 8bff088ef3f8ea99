import type { AreaSuite } from '../core/suite.js';
import { NETWORK_AREA_SUITES } from './network-areas.js';

/**
 * Every area the scan runs, in report order: the one place an area is registered. An area's
 * modules load only when the plan selects one of its checks (`--only internal` loads no probe).
 */
export const AREA_SUITES: readonly AreaSuite[] = [
  ...NETWORK_AREA_SUITES,
  { area: 'headers', load: async () => (await import('./headers/checks.js')).headerChecks },
  { area: 'paths', load: async () => (await import('./paths/checks.js')).pathChecks },
  { area: 'methods', load: async () => (await import('./methods/checks.js')).methodChecks },
  { area: 'admin', load: async () => (await import('./admin/checks.js')).adminChecks },
  { area: 'magento', load: async () => (await import('./magento/checks.js')).magentoChecks },
  { area: 'scripts', load: async () => (await import('./scripts/checks.js')).scriptChecks },
  { area: 'internal', load: async () => (await import('./internal/checks.js')).internalChecks },
];
