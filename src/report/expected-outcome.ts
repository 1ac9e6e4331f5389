import type { Localized } from '../clinical/assessment';

/**
 * What the literature says PVP achieves (docs/evidence.md, "Outcome evidence"), carried in every note so a
 * reader weighs the recommendation against mixed randomised evidence.
 */
export const EXPECTED_OUTCOME: Localized[] = [
  {
    en: "Source article (Radiologe 2006): clear pain reduction in 86-92 % of patients in the literature, mean -6.1 VAS points; the authors' own series of 58 patients (mean follow-up 323 ± 99 days): 77 % with clear relief, -5.7 VAS points.",
    de: 'Quellartikel (Radiologe 2006): deutliche Schmerzreduktion bei 86-92 % der Patienten in der Literatur, im Mittel -6,1 VAS-Punkte; eigene Serie der Autoren mit 58 Patienten (mittlere Nachbeobachtung 323 ± 99 Tage): 77 % mit deutlicher Linderung, -5,7 VAS-Punkte.',
  },
  {
    en: 'Randomised evidence is mixed: sham-controlled trials in fractures up to a year old (Buchbinder 2009, INVEST 2009) and VERTOS IV (2018) found no advantage; VERTOS II (2010, open-label, ≤ 6 weeks, MRI oedema) and VAPOUR (2016, sham, < 6 weeks, NRS ≥ 7: NRS < 4 at 14 days in 44 % vs 21 %) found benefit; Cochrane 2018 does not support routine use; NICE TA279 recommends PVP only for severe ongoing pain after a recent, unhealed fracture despite optimal pain management.',
    de: 'Die randomisierte Evidenz ist uneinheitlich: scheinkontrollierte Studien bei bis zu einem Jahr alten Frakturen (Buchbinder 2009, INVEST 2009) und VERTOS IV (2018) fanden keinen Vorteil; VERTOS II (2010, offen, ≤ 6 Wochen, MRT-Ödem) und VAPOUR (2016, Schein-Eingriff, < 6 Wochen, NRS ≥ 7: NRS < 4 nach 14 Tagen bei 44 % vs. 21 %) fanden einen Nutzen; Cochrane 2018 stützt keinen Routineeinsatz; NICE TA279 empfiehlt PVP nur bei starken anhaltenden Schmerzen nach frischer, nicht verheilter Fraktur trotz optimaler Schmerztherapie.',
  },
  {
    en: 'Benefit is most consistent in acute fractures with MRI oedema and severe pain.',
    de: 'Der Nutzen ist am beständigsten bei frischen Frakturen mit MRT-Ödem und starken Schmerzen.',
  },
];
