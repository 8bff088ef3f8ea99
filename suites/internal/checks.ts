import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { INTERNAL_CONTROLS, type InternalControl } from '../../catalogue/internal-controls.js';
import type { AreaChecks, Check } from '../../core/check.js';
import { evidence } from '../../core/evidence.js';
import { notApplicable } from '../../core/verdict.js';

/**
 * INT-xx: never judged from outside. The case names what an auditor should collect and,
 * when the targets file points at an evidence document, attaches its path and hash.
 */
function internalCheck(control: InternalControl): Check {
  return {
    id: control.id,
    run: async ({ target }) => {
      const doc = target.evidence[control.id];
      const ask = `not visible from outside; collect ${control.collect}`;
      if (!doc) return notApplicable(ask);
      const bytes = readFileSync(doc);
      return notApplicable(`${ask} — evidence document attached: ${doc}`, [
        evidence(`evidence document for ${control.id}`, {
          path: doc,
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          modified: statSync(doc).mtime.toISOString(),
        }),
      ]);
    },
  };
}

export const internalChecks: AreaChecks = { area: 'internal', checks: INTERNAL_CONTROLS.map(internalCheck) };
