import type { AreaSuite } from '../core/suite.js';

/**
 * The areas below HTTP (ports, SSH, TLS), first in report order: no other area reads their facts,
 * so a scan runs them on its second thread (cli/area-thread.ts), whose bundle holds only these.
 */
export const NETWORK_AREA_SUITES: readonly AreaSuite[] = [
  { area: 'network', load: async () => (await import('./network/checks.js')).networkChecks },
  { area: 'ssh', load: async () => (await import('./ssh/checks.js')).sshChecks },
  { area: 'tls', load: async () => (await import('./tls/checks.js')).tlsChecks },
];
