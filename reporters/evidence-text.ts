import type { CaseRecord } from '../core/case-record.js';
import { factsYaml } from './facts-yaml.js';

/**
 * A case as plain text an auditor can read in a CI log or JUnit system-out: the verdict,
 * the target and address, and every observation with its facts.
 */
export function caseText(c: CaseRecord): string {
  const v = c.verdict;
  const lines = [
    `${c.check.id} ${c.check.title}: ${v.outcome.toUpperCase()} (severity ${c.check.severity}; source: ${c.check.source})`,
    `target: ${c.target} ${c.url}${c.address ? ` via ${c.address}` : ''}`,
    `checked: ${c.startedAt} (${c.durationMs} ms)`,
    `verdict: ${v.message}`,
  ];
  if (v.outcome === 'waived') lines.push(`waiver: ${v.justification} (expires ${v.expires}); underlying outcome: ${v.underlying.outcome}`);
  v.evidence.forEach((e, i) => {
    lines.push(`evidence ${i + 1}: ${e.label}`, `  at: ${e.at}${e.address ? `  address: ${e.address}` : ''}`);
    const facts = factsYaml(e.facts).trimEnd();
    if (facts && facts !== '{}') lines.push(...facts.split('\n').map((l) => `  ${l}`));
  });
  return lines.join('\n');
}
