import { MAGENTO_PORTS } from '../../catalogue/ports.js';
import { NMAP_TOP_1000_TCP, TOP_1000_ADDITIONS } from '../../catalogue/ports-top1000.js';
import type { PortSet } from '../../core/targets-schema.js';

const ALL_PORTS = 65_535;

/** The ports a `ports.scan` setting names, deduplicated, in the set's own order. */
export function resolvePortSet(scan: PortSet): number[] {
  if (Array.isArray(scan)) return unique(scan);
  switch (scan) {
    case 'magento':
      return unique(MAGENTO_PORTS.map((k) => k.port));
    case 'top1000':
      return unique([...NMAP_TOP_1000_TCP, ...TOP_1000_ADDITIONS]);
    case 'all':
      return Array.from({ length: ALL_PORTS }, (_, i) => i + 1);
  }
}

function unique(ports: readonly number[]): number[] {
  return [...new Set(ports)];
}
