import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import { REMEDIATION, type Reference, referenceLabel, referenceUrl, remediationFor } from '../../catalogue/remediation.js';

// Each standard's ID shape, so a typo ("4.2" for 4.2.1, "CWE 79") fails here rather than in an audit.
const ID_SHAPE: Record<Reference['standard'], RegExp> = {
  'PCI DSS v4.0.1': /^\d{1,2}\.\d{1,2}\.\d{1,2}(\.\d{1,2})?$/,
  'OWASP ASVS 5.0.0': /^([1-9]|1[0-7])\.\d{1,2}\.\d{1,2}$/, // ASVS 5.0 has chapters V1..V17
  CWE: /^CWE-\d{2,4}$/,
  'CIS NGINX Benchmark v2.1.0': /^[1-6]\.\d{1,2}\.\d{1,2}$/,
  'CIS NGINX Benchmark v1.0.0': /^[1-6]\.\d{1,2}\.\d{1,2}$/,
  'AWS Security Hub': /^[A-Za-z0-9]+\.\d{1,3}$/,
  'Adobe Commerce': /\S/,
};

describe('remediation table', () => {
  it('gives every catalogue check a why, a fix and at least one reference', () => {
    const missing = CHECKS.filter((c) => !remediationFor(c.id)).map((c) => c.id);
    expect(missing).toEqual([]);
    for (const c of CHECKS) {
      const r = REMEDIATION[c.id]!;
      expect(r.why.trim().length, `${c.id} why`).toBeGreaterThan(30);
      expect(r.fix.trim().length, `${c.id} fix`).toBeGreaterThan(30);
      expect(r.references.length, `${c.id} references`).toBeGreaterThan(0);
    }
  });

  it('holds no ID that is not a catalogue check', () => {
    const known = new Set(CHECKS.map((c) => c.id));
    expect(Object.keys(REMEDIATION).filter((id) => !known.has(id))).toEqual([]);
  });

  it('keeps "why" to one or two sentences', () => {
    for (const [id, r] of Object.entries(REMEDIATION)) {
      // Sentence ends outside code spans; "e.g." and version numbers are not ends.
      const prose = r.why.replace(/`[^`]*`/g, '').replace(/\be\.g\./g, 'eg');
      const sentences = prose.split(/[.!?](?:\s|$)/).filter((s) => s.trim());
      expect(sentences.length, `${id}: ${r.why}`).toBeLessThanOrEqual(2);
    }
  });

  it('cites each standard in its own ID shape, once per check', () => {
    for (const [id, r] of Object.entries(REMEDIATION)) {
      for (const ref of r.references) expect(ref.id, `${id} ${ref.standard}`).toMatch(ID_SHAPE[ref.standard]);
      const labels = r.references.map(referenceLabel);
      expect(new Set(labels).size, `${id} duplicate reference`).toBe(labels.length);
    }
  });

  it('labels and links references as auditors look them up', () => {
    expect(referenceLabel({ standard: 'PCI DSS v4.0.1', id: '4.2.1' })).toBe('PCI DSS v4.0.1 4.2.1');
    expect(referenceLabel({ standard: 'CWE', id: 'CWE-319' })).toBe('CWE-319');
    expect(referenceUrl({ standard: 'CWE', id: 'CWE-319' })).toBe('https://cwe.mitre.org/data/definitions/319.html');
    expect(referenceUrl({ standard: 'AWS Security Hub', id: 'S3.14' })).toBe('https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14');
    expect(referenceUrl({ standard: 'PCI DSS v4.0.1', id: '4.2.1' })).toBeUndefined();
  });

  it('answers undefined for an unknown ID, including inherited object keys', () => {
    expect(remediationFor('XYZ-99')).toBeUndefined();
    expect(remediationFor('constructor')).toBeUndefined();
    expect(remediationFor('TLS-01')?.references.map(referenceLabel)).toContain('OWASP ASVS 5.0.0 12.1.1');
  });
});
