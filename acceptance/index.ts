/**
 * mageprobe's API for a team's own acceptance checks (README "Your own checks"):
 *
 *   import { check, expect } from 'mageprobe/acceptance';
 *   check({ id: 'ACME-01', title: 'Export folder blocked', severity: 'high' }, async (store) => {
 *     await expect(store).toBlock('/var/export/');
 *   });
 *
 * Run with `mageprobe scan targets.yaml --checks 'acceptance/*.check.ts'`.
 */
export { expect } from 'vitest';
export type { Severity } from '../catalogue/checks.js';
export type { Evidence } from '../core/evidence.js';
export { evidence } from '../core/evidence.js';
export type { Target } from '../core/target.js';
export type { Verdict } from '../core/verdict.js';
export { check, type CheckBody } from './check.js';
export { Unjudgeable } from './findings.js';
export type { BlockOptions, HeaderOptions, MethodOptions, StoreMatchers } from './matchers.js';
export { CustomCheckError, type CheckDeclaration } from './spec.js';
export type { Store } from './store.js';
