import type { Localized } from '../../lang';
import type { DrugHold } from './types';

/**
 * What to do with antithrombotic drugs before vertebroplasty, a high bleeding-risk procedure
 * ("spine procedures with risk of spinal or epidural hematoma (kyphoplasty, vertebroplasty …)"),
 * from the SIR 2019 consensus (Patel IJ, et al. J Vasc Interv Radiol 2019;30:1168-1184, Part II,
 * its tables of anticoagulant and antiplatelet management as transcribed in secondary sources:
 * docs/evidence.md). Doses for twice-daily drugs (apixaban, dabigatran) and
 * once-daily ones (rivaroxaban, edoxaban) are given in days too. A drug is matched by its ATC code
 * or by a word of its name; the first entry that matches wins, so a drug comes before its class.
 */
export const SIR19_HIGH_BLEEDING_RISK: readonly DrugHold[] = [
  {
    atc: ['B01AA03'],
    names: ['warfarin', 'coumadin', 'jantoven'],
    advice: {
      en: 'Warfarin: withhold 5 days, until the INR is ≤ 1.8; bridge with heparin only at high thrombotic risk.',
      de: 'Warfarin: 5 Tage pausieren, bis der INR ≤ 1,8 ist; Überbrückung mit Heparin nur bei hohem Thromboserisiko.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AA'],
    names: ['phenprocoumon', 'marcumar', 'falithrom', 'acenocoumarol', 'sintrom'],
    advice: {
      en: 'Vitamin K antagonist other than warfarin (phenprocoumon, acenocoumarol): SIR 2019 gives 5 days for warfarin only; pause it guided by the INR until ≤ 1.8; bridge only at high thrombotic risk.',
      de: 'Vitamin-K-Antagonist außer Warfarin (Phenprocoumon, Acenocoumarol): SIR 2019 nennt 5 Tage nur für Warfarin; nach INR pausieren, bis ≤ 1,8; Überbrückung nur bei hohem Thromboserisiko.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AF02'],
    names: ['apixaban', 'eliquis'],
    advice: {
      en: 'Apixaban (DOAC): held, not bridged: withhold 4 doses (2 days) with a creatinine clearance ≥ 50 mL/min, 6 doses (3 days) below.',
      de: 'Apixaban (DOAK): pausieren, nicht überbrücken: 4 Dosen (2 Tage) bei Kreatinin-Clearance ≥ 50 ml/min, darunter 6 Dosen (3 Tage).',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AF01'],
    names: ['rivaroxaban', 'xarelto'],
    advice: {
      en: 'Rivaroxaban (DOAC): held, not bridged: off for 2 doses (2 days) with a creatinine clearance ≥ 30 mL/min, 3 doses (3 days) at 15-29 mL/min.',
      de: 'Rivaroxaban (DOAK): pausieren, nicht überbrücken: 2 Dosen (2 Tage) bei Kreatinin-Clearance ≥ 30 ml/min, 3 Dosen (3 Tage) bei 15-29 ml/min.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AF03'],
    names: ['edoxaban', 'lixiana', 'savaysa'],
    advice: {
      en: 'Edoxaban (DOAC): held, not bridged: withhold 2 doses (2 days).',
      de: 'Edoxaban (DOAK): pausieren, nicht überbrücken: 2 Dosen (2 Tage).',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AF'],
    names: [],
    advice: {
      en: 'Factor Xa inhibitor (DOAC): held, not bridged, for as long as SIR 2019 gives for the drug and the creatinine clearance (2-3 days for apixaban, rivaroxaban and edoxaban).',
      de: 'Faktor-Xa-Hemmer (DOAK): pausieren, nicht überbrücken, so lange wie SIR 2019 für Wirkstoff und Kreatinin-Clearance angibt (2-3 Tage für Apixaban, Rivaroxaban und Edoxaban).',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AE07'],
    names: ['dabigatran', 'pradaxa'],
    advice: {
      en: 'Dabigatran (DOAC): held, not bridged: withhold 4 doses (2 days) with a creatinine clearance ≥ 50 mL/min, 6-8 doses (3-4 days) below.',
      de: 'Dabigatran (DOAK): pausieren, nicht überbrücken: 4 Dosen (2 Tage) bei Kreatinin-Clearance ≥ 50 ml/min, darunter 6-8 Dosen (3-4 Tage).',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AE'],
    names: ['argatroban', 'bivalirudin'],
    advice: {
      en: 'Argatroban or bivalirudin (intravenous): stop 2-4 hours before and check the aPTT.',
      de: 'Argatroban oder Bivalirudin (intravenös): 2-4 Stunden vorher beenden und aPTT kontrollieren.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AB04', 'B01AB05'],
    names: [
      'enoxaparin',
      'clexane',
      'lovenox',
      'dalteparin',
      'fragmin',
      'tinzaparin',
      'innohep',
      'nadroparin',
      'fraxiparin',
      'certoparin',
      'low molecular weight heparin',
      'low-molecular-weight heparin',
    ],
    advice: {
      en: 'Low-molecular-weight heparin: prophylactic dose: withhold 1 dose; therapeutic dose: withhold 2 doses or 24 hours (check the anti-Xa level with impaired renal function).',
      de: 'Niedermolekulares Heparin: prophylaktische Dosis: 1 Dosis auslassen; therapeutische Dosis: 2 Dosen bzw. 24 Stunden auslassen (bei eingeschränkter Nierenfunktion Anti-Xa-Spiegel).',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AB'],
    names: ['heparin'],
    advice: {
      en: 'Unfractionated heparin: intravenous: stop 4-6 hours before and check the aPTT or anti-Xa level; subcutaneous two or three times daily: the procedure 6 hours after the last dose.',
      de: 'Unfraktioniertes Heparin: intravenös 4-6 Stunden vorher beenden und aPTT oder Anti-Xa kontrollieren; subkutan zwei- bis dreimal täglich: Eingriff 6 Stunden nach der letzten Dosis.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AC06'],
    names: ['aspirin', 'acetylsalicyl'],
    advice: {
      en: 'Aspirin: withhold 3-5 days, weighing why it is taken and the thrombotic risk against the bleeding risk.',
      de: 'Acetylsalicylsäure: 3-5 Tage pausieren, Indikation und Thromboserisiko gegen das Blutungsrisiko abwägen.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AC04'],
    names: ['clopidogrel', 'plavix', 'iscover'],
    advice: {
      en: 'Clopidogrel (P2Y12 inhibitor): withhold 5 days.',
      de: 'Clopidogrel (P2Y12-Hemmer): 5 Tage pausieren.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AC22'],
    names: ['prasugrel', 'efient', 'effient'],
    advice: {
      en: 'Prasugrel (P2Y12 inhibitor): withhold 7 days.',
      de: 'Prasugrel (P2Y12-Hemmer): 7 Tage pausieren.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AC24'],
    names: ['ticagrelor', 'brilique', 'brilinta'],
    advice: {
      en: 'Ticagrelor (P2Y12 inhibitor): withhold 5 days.',
      de: 'Ticagrelor (P2Y12-Hemmer): 5 Tage pausieren.',
    },
    source: 'SIR19',
  },
  {
    atc: ['B01AC'],
    names: [],
    advice: {
      en: 'Antiplatelet drug: withhold for as long as SIR 2019 gives for the drug (aspirin 3-5 days, clopidogrel and ticagrelor 5 days, prasugrel 7 days).',
      de: 'Thrombozytenhemmer: so lange pausieren, wie SIR 2019 für den Wirkstoff angibt (ASS 3-5 Tage, Clopidogrel und Ticagrelor 5 Tage, Prasugrel 7 Tage).',
    },
    source: 'SIR19',
  },
];

/** the rest of the caution: the procedure's risk, the lab targets, and who plans it at high thrombotic risk */
export const SIR19_PERIPROCEDURAL: {
  procedure: Localized;
  inr: Localized;
  platelets: Localized;
  drugInducedBleeding: Localized;
  unknownDrug: Localized;
  thromboticRisk: Localized;
} = {
  procedure: {
    en: 'Vertebroplasty is a high bleeding-risk procedure (SIR 2019):',
    de: 'Die Vertebroplastie ist ein Eingriff mit hohem Blutungsrisiko (SIR 2019):',
  },
  inr: {
    en: 'INR above 1.5: correct it to ≤ 1.5-1.8 before the procedure.',
    de: 'INR über 1,5: vor dem Eingriff auf ≤ 1,5-1,8 korrigieren.',
  },
  platelets: {
    en: 'Platelets below 50 × 10⁹/L: consider a platelet transfusion.',
    de: 'Thrombozyten unter 50 × 10⁹/l: Thrombozytentransfusion erwägen.',
  },
  drugInducedBleeding: {
    en: 'Bleeding due to an anticoagulant or antiplatelet drug: correct it before the procedure.',
    de: 'Blutungsneigung durch Antikoagulans oder Thrombozytenhemmer: vor dem Eingriff korrigieren.',
  },
  unknownDrug: {
    en: 'Antithrombotic drug: withhold it for as long as SIR 2019 gives for the drug; DOACs are held, not bridged.',
    de: 'Antithrombotikum: so lange pausieren, wie SIR 2019 für den Wirkstoff angibt; DOAK werden pausiert, nicht überbrückt.',
  },
  thromboticRisk: {
    en: 'At high thrombotic risk, plan the pause with cardiology, haematology or vascular/internal medicine.',
    de: 'Bei hohem Thromboserisiko die Pause mit Kardiologie, Hämatologie oder Angiologie/Innerer Medizin planen.',
  },
};
