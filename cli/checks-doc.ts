import { CHECKS, type CheckSpec } from '../catalogue/checks.js';
import { REMEDIATION, referenceLabel, referenceUrl, remediationDoc, type Reference } from '../catalogue/remediation.js';

/** `mageprobe checks --format …`: the catalogue as a table (default), a Markdown document or JSON. */
export const CHECKS_FORMATS = ['table', 'md', 'json'] as const;
export type ChecksFormat = (typeof CHECKS_FORMATS)[number];

export function isChecksFormat(s: string): s is ChecksFormat {
  return (CHECKS_FORMATS as readonly string[]).includes(s);
}

export function renderChecks(format: ChecksFormat): string {
  return RENDER[format]();
}

const RENDER: Record<ChecksFormat, () => string> = {
  table: () => CHECKS.map((c) => `${c.id.padEnd(8)} ${c.severity.padEnd(9)} ${c.area.padEnd(9)} ${c.title}\n`).join(''),
  md: checksMarkdown,
  json: () => `${JSON.stringify(CHECKS.map(checkDoc), null, 2)}\n`,
};

/** One check with its remediation, references spelled out for tools that do not know the standards. */
function checkDoc(c: CheckSpec) {
  const r = REMEDIATION[c.id];
  return { ...c, ...(r ? remediationDoc(r) : { why: '', fix: '', references: [] }) };
}

function checksMarkdown(): string {
  const out = [
    '# mageprobe checks',
    '',
    'Every check with why it matters, how to fix it on the stack of the auditor\'s checklist (nginx, php-fpm, Magento 2 on AWS EC2 and RDS), and the requirements that say what it tests.',
  ];
  for (const c of CHECKS) {
    const r = REMEDIATION[c.id];
    out.push('', `## ${c.id} ${mdText(c.title)}`, '', `Severity: ${c.severity} · area: ${c.area} · source: ${mdText(c.source)}`, '');
    out.push(`**Why it matters.** ${r?.why ?? ''}`, '', `**Fix.** ${r?.fix ?? ''}`, '', `**References.** ${(r?.references ?? []).map(mdReference).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** Plain catalogue text in Markdown: a backslash, as in the source `location ~ /\.`, would otherwise escape the next character. */
function mdText(s: string): string {
  return s.replace(/\\/g, '\\\\');
}

function mdReference(ref: Reference): string {
  const url = referenceUrl(ref);
  return url ? `[${referenceLabel(ref)}](${url})` : referenceLabel(ref);
}
