import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../catalogue/checks.js';
import { REMEDIATION, referenceLabel } from '../../catalogue/remediation.js';
import { mageprobe } from './run-cli.js';

// Each spawn compiles the CLI through tsx: slow on a loaded machine.
describe('mageprobe checks --format', { timeout: 180_000 }, () => {
  it('md prints every check with its why, fix and references', async () => {
    const r = await mageprobe(['checks', '--format', 'md']);
    expect(r.code).toBe(0);
    const sections = r.stdout.split(/^## /m).slice(1);
    expect(sections.map((s) => s.slice(0, s.indexOf('\n')))).toEqual(CHECKS.map((c) => `${c.id} ${c.title}`));
    for (const [i, c] of CHECKS.entries()) {
      const section = sections[i]!;
      const rem = REMEDIATION[c.id]!;
      expect(section).toContain(`**Why it matters.** ${rem.why}`);
      expect(section).toContain(`**Fix.** ${rem.fix}`);
      for (const ref of rem.references) expect(section, `${c.id} ${referenceLabel(ref)}`).toContain(referenceLabel(ref));
    }
    expect(sections.find((s) => s.startsWith('HDR-09'))).toContain('[CWE-1004](https://cwe.mitre.org/data/definitions/1004.html)');
    // A backslash in catalogue text is escaped, so Markdown shows `/\.` rather than `/.`.
    expect(sections.find((s) => s.startsWith('PATH-01'))).toContain('source: Nginx hardening (location ~ /\\\\.)');
  });

  it('json prints the catalogue with remediation as data', async () => {
    const r = await mageprobe(['checks', '--format', 'json']);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout) as {
      id: string;
      severity: string;
      why: string;
      fix: string;
      references: { standard: string; id: string; label: string; url?: string }[];
    }[];
    expect(docs.map((d) => d.id)).toEqual(CHECKS.map((c) => c.id));
    for (const d of docs) {
      expect(d.why, d.id).toBe(REMEDIATION[d.id]!.why);
      expect(d.fix, d.id).toBe(REMEDIATION[d.id]!.fix);
      expect(d.references.length, d.id).toBeGreaterThan(0);
    }
    const tls01 = docs.find((d) => d.id === 'TLS-01')!;
    expect(tls01.severity).toBe('high');
    expect(tls01.references).toContainEqual({ standard: 'PCI DSS v4.0.1', id: '4.2.1', label: 'PCI DSS v4.0.1 4.2.1' });
    expect(tls01.references).toContainEqual({
      standard: 'CWE',
      id: 'CWE-327',
      label: 'CWE-327',
      url: 'https://cwe.mitre.org/data/definitions/327.html',
    });
  });

  it('keeps the table by default and refuses an unknown format with exit 2', async () => {
    const table = await mageprobe(['checks']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^NET-01\s+high\s+network\s+Only allowed TCP ports reachable$/);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(CHECKS.length);
    const bad = await mageprobe(['checks', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('mageprobe: --format: "xml" is not one of table, md, json\n');
  });
});
