import type { Localized } from '../clinical/assessment';

/**
 * What the literature says PVP achieves (docs/evidence.md, "Outcome evidence"), in one line for the
 * note of an eligible verdict: benefit is most consistent in acute fractures with MRI oedema and
 * severe pain, beside the mixed randomised evidence it is weighed against.
 */
export const EXPECTED_OUTCOME_SUMMARY: Localized = {
  en: 'most consistent in acute fractures with MRI oedema and severe pain (VERTOS II 2010, VAPOUR 2016); sham-controlled trials in fractures up to a year old found no advantage (Buchbinder 2009, INVEST 2009, VERTOS IV 2018).',
  de: 'am beständigsten bei frischen Frakturen mit MRT-Ödem und starken Schmerzen (VERTOS II 2010, VAPOUR 2016); scheinkontrollierte Studien bei bis zu einem Jahr alten Frakturen fanden keinen Vorteil (Buchbinder 2009, INVEST 2009, VERTOS IV 2018).',
};
