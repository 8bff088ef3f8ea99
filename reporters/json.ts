import type { ScanResult } from '../core/results.js';
import { neutralise } from '../core/safe-text.js';

/** results.json: the whole scan, every verdict with its evidence, for other tools; server text neutralised. */
export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(neutralise(result), null, 2)}\n`;
}
