import { CHECKS, type CheckSpec } from '../catalogue/checks.js';
import { remediationOf } from '../catalogue/remediation.js';

/** `mageprobe checks --format …`: the catalogue as a table (default), a Markdown document or JSON. */
export const CHECKS_FORMATS = ['table', 'md', 'json'] as const;
export type ChecksFormat = (typeof CHECKS_FORMATS)[number];

export function isChecksFormat(s: string): s is ChecksFormat {
  return (CHECKS_FORMATS as readonly string[]).includes(s);
}

/** The catalogue, and after it a team's own checks (`--checks`) when given. */
export function renderChecks(format: ChecksFormat, checks: readonly CheckSpec[] = CHECKS): string {
  return RENDER[format](checks);
}

const RENDER: Record<ChecksFormat, (checks: readonly CheckSpec[]) => string> = {
  table: (checks) => {
    const area = Math.max(9, ...checks.map((c) => c.area.length));
    return checks.map((c) => `${c.id.padEnd(8)} ${c.severity.padEnd(9)} ${c.area.padEnd(area)} ${c.title}\n`).join('');
  },
  md: checksMarkdown,
  json: (checks) => `${JSON.stringify(checks.map(checkDoc), null, 2)}\n`,
};

/** One check with its remediation, references spelled out for tools that do not know the standards. */
function checkDoc(c: CheckSpec) {
  const { why: _why, fix: _fix, ...spec } = c as CheckSpec & { why?: string; fix?: string };
  return { ...spec, ...(remediationOf(c) ?? { why: '', fix: '', references: [] }) };
}

function checksMarkdown(checks: readonly CheckSpec[]): string {
  const out = [
    '# mageprobe checks',
    '',
    "Every check with why it matters, how to fix it on the stack of the auditor's checklist (nginx, php-fpm, Magento 2 on AWS EC2 and RDS), and the requirements that say what it tests.",
  ];
  for (const c of checks) {
    const r = remediationOf(c);
    out.push('', `## ${c.id} ${mdText(c.title)}`, '', `Severity: ${c.severity} · area: ${c.area} · source: ${mdText(c.source)}`, '');
    out.push(
      `**Why it matters.** ${r?.why ?? ''}`,
      '',
      `**Fix.** ${r?.fix ?? ''}`,
      '',
      `**References.** ${(r?.references ?? []).map((ref) => (ref.url ? `[${ref.label}](${ref.url})` : ref.label)).join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Plain catalogue text in Markdown: a backslash, as in the source `location ~ /\.`, would otherwise escape the next character. */
function mdText(s: string): string {
  return s.replace(/\\/g, '\\\\');
}
