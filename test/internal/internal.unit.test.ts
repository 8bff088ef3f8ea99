import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERNAL_CONTROLS } from '../../catalogue/internal-controls.js';
import { evaluateArea } from '../../core/evaluate.js';
import { parseTargets } from '../../core/targets.js';
import { internalChecks } from '../../suites/internal/checks.js';

describe('INT checks (not visible from outside)', () => {
  it('are not applicable, name the evidence to collect, and attach a referenced document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-int-'));
    writeFileSync(join(dir, 'iam.pdf'), 'IAM review 2026-11');
    const [target] = parseTargets(
      'targets:\n  - name: shop\n    url: https://shop.example.com/\n    evidence: { INT-01: ./iam.pdf }\n',
      join(dir, 'targets.yaml'),
    );
    const verdicts = await evaluateArea(internalChecks, target!);
    expect([...verdicts.keys()]).toEqual(INTERNAL_CONTROLS.map((c) => c.id));
    for (const v of verdicts.values()) expect(v.outcome).toBe('not-applicable');
    expect(verdicts.get('INT-02')!.message).toContain('collect the trail configuration');
    const attached = verdicts.get('INT-01')!;
    expect(attached.message).toContain(join(dir, 'iam.pdf'));
    expect(attached.evidence[0]!.facts).toMatchObject({ bytes: 18, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
