import type { CriterionGroup, CriterionStatus, Recommendation } from '../clinical/assessment';

/**
 * What a status means for the patient, shown by colour AND an icon beside the words (never colour
 * alone). A met indication is favourable; a met contraindication is not.
 */
export type Tone = 'good' | 'caution' | 'bad' | 'unknown';

export const TONE_ICON: Record<Tone, string> = { good: '✓', caution: '!', bad: '✕', unknown: '?' };

const CRITERION_TONES: Record<CriterionGroup, Record<CriterionStatus, Tone>> = {
  indication: { met: 'good', 'not-met': 'bad', unknown: 'unknown' },
  'absolute-contraindication': { met: 'bad', 'not-met': 'good', unknown: 'unknown' },
  'relative-contraindication': { met: 'caution', 'not-met': 'good', unknown: 'unknown' },
  requirement: { met: 'good', 'not-met': 'caution', unknown: 'unknown' },
};

export function criterionTone(group: CriterionGroup, status: CriterionStatus): Tone {
  return CRITERION_TONES[group]?.[status] ?? 'unknown';
}

export const RECOMMENDATION_TONE: Record<Recommendation, Tone> = {
  eligible: 'good',
  'eligible-with-cautions': 'caution',
  'not-eligible': 'bad',
  'insufficient-data': 'unknown',
};

export const GROUP_ORDER: readonly CriterionGroup[] = [
  'indication',
  'absolute-contraindication',
  'relative-contraindication',
  'requirement',
];
