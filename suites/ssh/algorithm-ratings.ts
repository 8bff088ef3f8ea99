import { type AlgorithmCategory, type AlgorithmRating, rateAlgorithm, STRICT_KEX_SERVER } from '../../catalogue/ssh-algorithms.js';
import type { Kexinit } from '../../probes/ssh/ssh-wire.js';

export interface RatedAlgorithm {
  readonly category: AlgorithmCategory;
  readonly name: string;
  readonly rating: AlgorithmRating | 'unrated';
  readonly why: string;
}

/** Every algorithm the server offers (both directions merged, server order), rated from the one table. */
export function rateOffer(k: Kexinit): RatedAlgorithm[] {
  const lists: [AlgorithmCategory, readonly string[]][] = [
    ['kex', k.kex],
    ['hostKey', k.hostKey],
    ['cipher', [...new Set([...k.cipherS2C, ...k.cipherC2S])]],
    ['mac', [...new Set([...k.macS2C, ...k.macC2S])]],
  ];
  return lists.flatMap(([category, names]) =>
    names.map((name) => {
      const e = rateAlgorithm(category, name);
      return e ? { category, name, rating: e.rating, why: e.why } : { category, name, rating: 'unrated' as const, why: 'not in the rating table' };
    }),
  );
}

export interface TerrapinExposure {
  readonly exposed: boolean;
  /** The offered modes the prefix-truncation attack (CVE-2023-48795) works against. */
  readonly affectedModes: readonly string[];
  readonly strictKex: boolean;
}

/**
 * Terrapin: ChaCha20-Poly1305, or CBC with an encrypt-then-MAC MAC, offered without
 * strict key exchange.
 */
export function terrapin(k: Kexinit): TerrapinExposure {
  const ciphers = [...k.cipherS2C, ...k.cipherC2S];
  const macs = [...k.macS2C, ...k.macC2S];
  const affected = new Set<string>();
  if (ciphers.includes('chacha20-poly1305@openssh.com')) affected.add('chacha20-poly1305@openssh.com');
  const cbc = ciphers.filter((c) => /-cbc(@|$)/.test(c));
  const etm = macs.filter((m) => /-etm@openssh\.com$/.test(m));
  if (cbc.length && etm.length) affected.add(`${cbc[0]} with ${etm[0]} (CBC-EtM)`);
  const strictKex = k.kex.includes(STRICT_KEX_SERVER);
  return { exposed: affected.size > 0 && !strictKex, affectedModes: [...affected], strictKex };
}
