import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateArea } from '../../core/evaluate.js';
import { type Inventory, loadInventoryFile } from '../../core/inventory.js';
import type { Target } from '../../core/target.js';
import type { Verdict } from '../../core/verdict.js';
import { scriptChecks } from '../../suites/scripts/checks.js';
import { mageprobe } from '../cli/run-cli.js';
import { startPaymentLab } from '../lab/payment-stores.js';

type Lab = Awaited<ReturnType<typeof startPaymentLab>>;

// Issue 12 end to end: the lab's Magento-like store and its compromised copy (a skimmer injected at
// run time from a look-alike origin, streaming to a WebSocket on a third origin), loaded by a real
// Chromium through `mageprobe inventory` and SCR-01..04.
describe('payment-page scripts in a real browser (SCR-01..04, PCI DSS 6.4.3 and 11.6.1)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-scripts-lab-'));
  const targetsFile = join(dir, 'targets.yaml');
  const draftFile = join(dir, 'clean.inventory.yaml');
  let lab: Lab;
  let draft: string;
  let cleanInventory: Inventory;

  /** The lab target as a targets-file entry, so the CLI sees the same store. */
  const entry = (t: Target, extra = '') =>
    [
      `  - name: ${t.name}`,
      `    url: ${t.url}`,
      ...(t.address ? [`    address: ${t.address}`] : []),
      ...(t.caFile ? [`    caFile: ${t.caFile}`] : []),
      `    paymentPages: ${JSON.stringify(t.paymentPages)}`,
      `    timeouts: ${JSON.stringify(t.timeouts)}`,
      extra,
    ].join('\n');

  /** What the team does with a draft: justify and approve every entry. */
  const reviewed = (text: string) =>
    text
      .replace(/justification: ""/g, 'justification: reviewed with the payments team for the lab store')
      .replace(/approvedBy: ""/g, 'approvedBy: Lab Reviewer')
      .replace(/approvedOn: ""/g, 'approvedOn: 2026-11-30');

  const inventoryFrom = (name: string, text: string): Inventory => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return loadInventoryFile(file);
  };

  const judge = async (t: Target): Promise<Map<string, Verdict>> => evaluateArea(scriptChecks, t);

  beforeAll(async () => {
    lab = await startPaymentLab();
    writeFileSync(targetsFile, `targets:\n${entry({ ...lab.clean, name: 'clean' })}\n`);
    const run = await mageprobe(['inventory', targetsFile, '--target', 'clean', '--out', draftFile]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    draft = readFileSync(draftFile, 'utf8');
    cleanInventory = inventoryFrom('clean.reviewed.yaml', reviewed(draft));
  }, 300_000);
  afterAll(async () => {
    await lab?.close();
  });

  it('mageprobe inventory drafts the scripts the browser ran, and validate refuses the draft until it is justified', async () => {
    const psp = new URL(lab.origins.psp).host;
    expect(draft).toMatch(new RegExp(`# external script, SRI matched, on [^\\n]+\\n {2}- url: https?://${psp.replace(/\./g, '\\.')}/`));
    expect(draft).toContain('inlineSha256: sha256-');
    expect(draft).toContain('headers:');
    writeFileSync(targetsFile, `targets:\n${entry({ ...lab.clean, name: 'clean' }, '    inventory: clean.inventory.yaml')}\n`);
    const refused = await mageprobe(['validate', targetsFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/clean\.inventory\.yaml:\d+:5: scripts\[0\]\.justification: a justification/);
    writeFileSync(draftFile, reviewed(draft));
    const accepted = await mageprobe(['validate', targetsFile]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(/clean \(inventory clean\.inventory\.yaml: \d+ script\(s\), all justified\)/);
  });

  it('mageprobe scan --only scripts passes the clean store against its reviewed inventory (exit 0)', async () => {
    // The targets file names the reviewed draft since the test above.
    const out = join(dir, 'scan');
    const run = await mageprobe(['scan', targetsFile, '--only', 'scripts', '--out', out]);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { cases: { check: { id: string }; verdict: Verdict }[] };
    expect(results.cases.map((c) => `${c.check.id} ${c.verdict.outcome}`).sort(), run.stdout).toEqual([
      'SCR-01 pass',
      'SCR-02 pass',
      'SCR-03 pass',
      'SCR-04 pass',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('the clean store passes SCR-01..04 against the inventory drafted from it', async () => {
    const verdicts = await judge({ ...lab.clean, inventory: cleanInventory });
    for (const id of ['SCR-01', 'SCR-02', 'SCR-03', 'SCR-04']) {
      const v = verdicts.get(id)!;
      expect(v.outcome, `${id}: ${v.message}`).toBe('pass');
    }
  });

  it('the compromised copy fails SCR-01 and SCR-04, naming the injected script and the exfiltration origin', async () => {
    // The same store at the compromised copy's address: the reviewed inventory with its origin.
    const moved = reviewed(draft).split(new URL(lab.clean.url).origin).join(new URL(lab.compromised.url).origin);
    const verdicts = await judge({ ...lab.compromised, inventory: inventoryFrom('compromised.yaml', moved) });
    const scr01 = verdicts.get('SCR-01')!;
    expect(scr01.outcome, scr01.message).toBe('fail');
    expect(scr01.message).toContain(new URL(lab.origins.lookalike).host);
    expect(scr01.message).toContain('is not in the inventory');
    expect(scr01.message).not.toContain(new URL(lab.origins.psp).host);
    const scr04 = verdicts.get('SCR-04')!;
    expect(scr04.outcome, scr04.message).toBe('fail');
    expect(scr04.message).toContain(new URL(lab.origins.exfil).host);
    expect(scr04.message).toMatch(/websocket/);
    expect(scr04.message).toContain('PCI DSS 11.6.1');
  });

  it('a payment page whose CSP differs from the recorded one fails SCR-03, naming the header', async () => {
    // Recorded: a CSP other than what the store sends (or none sent): the page's header has changed.
    const text = reviewed(draft);
    const recorded = cleanInventory.headers;
    const page = Object.keys(recorded).find((p) => recorded[p]!['content-security-policy']) ?? Object.keys(recorded)[0]!;
    const changed = structuredClone(recorded) as Record<string, Record<string, string>>;
    changed[page]!['content-security-policy'] = "default-src 'none'";
    const inventory = { ...inventoryFrom('csp.yaml', text), headers: changed };
    const v = (await judge({ ...lab.clean, inventory })).get('SCR-03')!;
    expect(v.outcome, v.message).toBe('fail');
    expect(v.message).toMatch(
      new RegExp(`${page.replace(/[/.]/g, '\\$&')}: content-security-policy (changed from "default-src 'none'"|removed \\(was "default-src 'none'"\\))`),
    );
  });

  it('a store with no inventory fails every SCR check with the command that drafts one', async () => {
    const verdicts = await judge({ ...lab.clean, inventory: undefined });
    for (const [id, v] of verdicts) {
      expect(v.outcome, id).toBe('fail');
      expect(v.message).toContain(`mageprobe inventory TARGETS.yaml --target ${lab.clean.name} --out ${lab.clean.name}.inventory.yaml`);
    }
  });
});
