import type { Localized } from '../lang';

/**
 * What the literature says PVP achieves (docs/evidence.md, "Outcome evidence"), in one line for the
 * note of an eligible verdict: benefit is most consistent in acute fractures with MRI oedema and
 * severe pain, beside the mixed randomised evidence it is weighed against.
 */
export const EXPECTED_OUTCOME_SUMMARY: Localized = {
  en: 'most consistent in acute fractures with MRI oedema and severe pain (VERTOS II 2010, VAPOUR 2016); sham-controlled trials in fractures up to a year old found no advantage (Buchbinder 2009, INVEST 2009, VERTOS IV 2018).',
  de: 'am beständigsten bei frischen Frakturen mit MRT-Ödem und starken Schmerzen (VERTOS II 2010, VAPOUR 2016); scheinkontrollierte Studien bei bis zu einem Jahr alten Frakturen fanden keinen Vorteil (Buchbinder 2009, INVEST 2009, VERTOS IV 2018).',
};

/** One finding of the outcome evidence, with the publication it comes from. */
export interface OutcomeFinding {
  text: Localized;
  source: string;
}

/**
 * The outcome evidence for the screen beside an eligible verdict: both kinds side by side, each
 * finding with its source (docs/evidence.md, "Outcome evidence"), under one honest line.
 */
export const EXPECTED_OUTCOME_EVIDENCE: {
  summary: Localized;
  uncontrolled: { title: Localized; findings: OutcomeFinding[] };
  shamControlled: { title: Localized; findings: OutcomeFinding[] };
  guidance: OutcomeFinding[];
} = {
  summary: {
    en: 'Case series and open-label trials show benefit; sham-controlled trials in fractures up to a year old did not; benefit is most consistent in acute painful fractures with oedema on MRI.',
    de: 'Fallserien und offene Studien zeigen einen Nutzen; scheinkontrollierte Studien bei bis zu einem Jahr alten Frakturen nicht; am beständigsten ist der Nutzen bei frischen, schmerzhaften Frakturen mit Ödem im MRT.',
  },
  uncontrolled: {
    title: { en: 'Case series and open-label trials', de: 'Fallserien und offene Studien' },
    findings: [
      {
        text: {
          en: 'Clear pain relief in 86-92 % of patients in the literature, mean −6.1 VAS points; in the authors’ own 58 patients 77 %, −5.7 VAS points (mean follow-up 323 days).',
          de: 'Deutliche Schmerzlinderung bei 86-92 % der Patienten in der Literatur, im Mittel −6,1 VAS-Punkte; in der eigenen Serie der Autoren (58 Patienten) 77 %, −5,7 VAS-Punkte (mittlere Nachbeobachtung 323 Tage).',
        },
        source: 'Radiologe 2006;46:495-505 (source article)',
      },
      {
        text: {
          en: 'VERTOS II, open-label against conservative care (fractures ≤ 6 weeks with MRI oedema, VAS ≥ 5; n = 202): greater pain relief at 1 month and at 1 year.',
          de: 'VERTOS II, offen gegen konservative Therapie (Frakturen ≤ 6 Wochen mit MRT-Ödem, VAS ≥ 5; n = 202): stärkere Schmerzlinderung nach 1 Monat und nach 1 Jahr.',
        },
        source: 'Klazen CA, et al. Lancet 2010;376:1085-1092',
      },
    ],
  },
  shamControlled: {
    title: { en: 'Sham-controlled trials', de: 'Scheinkontrollierte Studien' },
    findings: [
      {
        text: {
          en: 'Fractures up to a year old (n = 78): no significant advantage at any time point.',
          de: 'Frakturen bis zu einem Jahr alt (n = 78): zu keinem Zeitpunkt ein signifikanter Vorteil.',
        },
        source: 'Buchbinder R, et al. N Engl J Med 2009;361:557-568',
      },
      {
        text: {
          en: 'INVEST, against local anaesthetic only (n = 131): no difference in disability or pain at 1 month.',
          de: 'INVEST, gegen alleinige Lokalanästhesie (n = 131): kein Unterschied bei Behinderung oder Schmerz nach 1 Monat.',
        },
        source: 'Kallmes DF, et al. N Engl J Med 2009;361:569-579',
      },
      {
        text: {
          en: 'VERTOS IV, acute fractures (n = 180): no significant difference in pain over 12 months.',
          de: 'VERTOS IV, frische Frakturen (n = 180): kein signifikanter Unterschied beim Schmerz über 12 Monate.',
        },
        source: 'Firanescu CE, et al. BMJ 2018;361:k1551',
      },
      {
        text: {
          en: 'VAPOUR, fractures under 6 weeks with NRS ≥ 7 (n = 120): NRS < 4 at 14 days in 44 % against 21 %.',
          de: 'VAPOUR, Frakturen unter 6 Wochen mit NRS ≥ 7 (n = 120): NRS < 4 nach 14 Tagen bei 44 % gegenüber 21 %.',
        },
        source: 'Clark W, et al. Lancet 2016;388:1408-1416',
      },
    ],
  },
  guidance: [
    {
      text: {
        en: 'Systematic review: does not support routine use.',
        de: 'Systematische Übersicht: stützt keinen Routineeinsatz.',
      },
      source: 'Buchbinder R, et al. Cochrane Database Syst Rev 2018;CD006349',
    },
    {
      text: {
        en: 'Recommended only for severe ongoing pain after a recent, unhealed fracture despite optimal pain management.',
        de: 'Empfohlen nur bei starken, anhaltenden Schmerzen nach frischer, nicht verheilter Fraktur trotz optimaler Schmerztherapie.',
      },
      source: 'NICE TA279 (2013)',
    },
  ],
};
