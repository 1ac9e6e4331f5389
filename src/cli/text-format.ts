import type { Assessment } from '../clinical';
import { describeCareSetting, type CareSetting } from './encounter';

const LABEL: Record<Assessment['recommendation'], string> = {
  eligible: 'Eligible',
  'eligible-with-cautions': 'Eligible with cautions',
  'not-eligible': 'Not eligible',
  'insufficient-data': 'More information needed',
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** a readable table for a terminal; `setting` says which visit the care setting comes from */
export function formatText(a: Assessment, setting?: CareSetting): string {
  const lines = [
    `Recommendation: ${LABEL[a.recommendation]}${a.override ? ` (override; computed: ${LABEL[a.computedRecommendation]}; reason: ${a.override.reason})` : ''}`,
    `Rule set: ${a.ruleset.id} ${a.ruleset.version}   assessed at ${a.assessedAt.slice(0, 10)}   levels: ${a.levels.join(', ') || '-'}`,
    ...(setting ? [describeCareSetting(setting)] : []),
    `Decisive: ${a.decisive.join(', ') || '-'}`,
    '',
  ];
  const idWidth = Math.max(...a.criteria.map((c) => c.id.length), 9) + 2;
  lines.push(`${pad('criterion', idWidth)}${pad('status', 9)}${pad('source', 9)}rationale`);
  lines.push('-'.repeat(idWidth + 18 + 40));
  for (const c of a.criteria) lines.push(`${pad(c.id, idWidth)}${pad(c.status, 9)}${pad(c.source, 9)}${c.rationale}`);
  if (a.missing.length) {
    lines.push('', 'Missing:');
    for (const m of a.missing) lines.push(`  ${pad(m.criterion, idWidth)}${m.need} [${m.supply}]`);
  }
  const cautions = a.criteria.filter((c) => c.caution);
  if (cautions.length) {
    lines.push('', 'Cautions:');
    for (const c of cautions) lines.push(`  ${pad(c.id, idWidth)}${c.caution?.en}`);
  }
  if (a.documentation) {
    lines.push('', 'Documentation the payer requires:');
    for (const d of a.documentation) {
      const evidence = d.evidence.map((e) => (e.reference === 'surgeon' ? e.summary : e.reference)).join('; ');
      lines.push(`  ${pad(d.status, 9)}${d.title.en}${evidence ? ` (${evidence})` : ''}`);
    }
  }
  const openPoints = a.rulesetInfo.openPoints ?? [];
  if (openPoints.length) {
    lines.push('', 'Not verified in the rule set (open points):');
    for (const p of openPoints) lines.push(`  ${p.criterion ? `${p.criterion}: ` : ''}${p.text.en}`);
  }
  return lines.join('\n');
}
