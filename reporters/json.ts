import type { ScanResult } from '../core/results.js';

/** results.json: the whole scan, every verdict with its evidence, for other tools. */
export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
