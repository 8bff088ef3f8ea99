import type { Inventory } from './inventory.js';
import type { PortSet } from './targets-schema.js';

/** Which product a store runs: Adobe Commerce gets security fixes for longer (MAG-02). */
export type MagentoEdition = 'open-source' | 'adobe-commerce';

export interface Waiver {
  readonly check: string;
  readonly justification: string;
  readonly expires: string;
}

/**
 * One store to scan, with defaults merged and every setting resolved. Plain data, so it
 * crosses into vitest workers as JSON.
 */
export interface Target {
  readonly name: string;
  /** The store's URL; its host is the Host header and SNI even when `address` is set. */
  readonly url: string;
  readonly host: string;
  /** Connect here instead of resolving `host` (pre-launch scans). */
  readonly address?: string;
  /** PEM text of extra trust anchors (from caFile). */
  readonly ca?: string;
  readonly caFile?: string;
  /** Port for plain HTTP (TLS-07). */
  readonly httpPort: number;
  /** Port of the HTTPS endpoint from `url` (443 when the URL has none). */
  readonly httpsPort: number;
  readonly ports: { readonly allowed: readonly number[]; readonly scan: PortSet; readonly concurrency: number };
  readonly ssh: { readonly port: number; readonly allowedFromHere: boolean };
  readonly admin: { readonly path?: string };
  /** The deployed release as the team's deployment record states it (MAG-02), and its edition. */
  readonly magento: { readonly version?: string; readonly edition?: MagentoEdition };
  readonly timeouts: { readonly connectMs: number; readonly requestMs: number; readonly targetMs: number };
  readonly politeness: { readonly concurrency: number; readonly requestBudget: number };
  readonly policy: {
    readonly xssProtection: readonly string[];
    readonly hstsMinAge: number;
    readonly cipherSuites?: readonly string[];
    readonly methodsIncludeRest: boolean;
  };
  readonly waivers: readonly Waiver[];
  /** Paths a real browser loads for SCR-xx (PCI DSS 6.4.3 / 11.6.1); BUILT_IN.paymentPages by default. */
  readonly paymentPages: readonly string[];
  readonly evidence: Readonly<Record<string, string>>;
  /** The authorised script inventory of the payment pages (SCR-01..04), read from the `inventory:` file. */
  readonly inventory?: Inventory;
}
