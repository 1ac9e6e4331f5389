import type { Localized } from '../../lang';
import type { Memo } from '../memo';
import type { PatientRecord } from '../record';
import type { CodeMatch } from '../terminology/match';
import type { LevelInfo } from '../levels';
import type { ImagingModality, TextFinding } from '../findings-text';
import type { Side } from '../terminology/icd10gm';
import type { ValueSetId } from '../terminology/valuesets';

/** Something the record says, traceable to its resource. */
export interface Fact {
  /** "Condition/12/_history/3", or "surgeon" */
  reference: string;
  /** one line a surgeon can check, in English (the command line, the note's audit trail) */
  summary: string;
  /** the same line in each language: the app's words translated, the record's texts as written */
  summaryText: Localized;
  /** the clinically relevant date */
  date?: Date;
  /** system|code of the matching coding */
  code?: string;
}

export interface ExcludedFact extends Fact {
  /** in each language (src/clinical/set-aside.ts) */
  why: Localized;
}

export interface CodedFact extends Fact {
  match: CodeMatch;
}

export interface ConditionFact extends CodedFact {
  levels: LevelInfo;
  /** a spinal site is named (level, region, spine bodySite, spine words) */
  spinalSite: boolean;
  /** the code counts only with a spinal site ("other site" codes: docs/criteria.md, VS-VCF) */
  needsSite: boolean;
  onset?: Date;
  text: string;
  /**
   * why the entry does not prove a contraindication, which then asks (README, "How the record is
   * weighed": ICD-10-GM, no clinical status): suspected (verificationStatus unconfirmed/provisional/differential, Diagnosesicherheit
   * V), or no clinical status. An indication still counts it (a suspected fracture is a reason to look).
   */
  unproven?: Localized;
  /** no clinicalStatus: counts for an indication only when spine imaging corroborates it */
  noClinicalStatus?: boolean;
  /** Seitenlokalisation of an ICD-10-GM code: a sided site is not the spine */
  side?: Side;
}

/** a measured or qualitative result; `match` is absent for the surgeon's "pain today" */
export interface ObservationFact extends Fact {
  match?: CodeMatch;
  value?: number;
  unit?: string;
  /** for qualitative results (pregnancy test) */
  positive?: boolean;
}

export interface MedicationFact extends CodedFact {
  start?: Date;
}

export interface ImagingFact extends Fact {
  modality: ImagingModality;
  spine: boolean;
}

export interface ReportFact extends Fact {
  modality?: ImagingModality;
  spine: boolean;
  oedema?: TextFinding;
  posteriorWall?: 'disrupted' | 'intact';
  heightLoss?: number;
  vertebraPlana: boolean;
  levels: string[];
  /** the levels it gives a lesion: named in a sentence stating a fracture, oedema or osteolysis */
  lesionLevels: string[];
}

/** Facts of one kind, by value-set id: counted, excluded (with why), and possible (text only). */
export interface Bucket<T extends Fact> {
  found: Map<ValueSetId, T[]>;
  excluded: Map<ValueSetId, ExcludedFact[]>;
  possible: Map<ValueSetId, ExcludedFact[]>;
}

export function emptyBucket<T extends Fact>(): Bucket<T> {
  return { found: new Map(), excluded: new Map(), possible: new Map() };
}

export function put<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export interface ClinicalFacts {
  now: Date;
  reads: PatientRecord['reads'];
  patient: { reference: string; birthDate?: Date; gender?: string };
  /** from the launch encounter's class; undefined without an encounter or without a class */
  hospitalised?: boolean;
  /** the launch encounter, as evidence for the care setting */
  encounterReference?: string;
  conditions: Bucket<ConditionFact>;
  /** newest first within each value set */
  observations: Bucket<ObservationFact>;
  medications: Bucket<MedicationFact>;
  allergies: Bucket<CodedFact>;
  procedures: Bucket<CodedFact>;
  imaging: ImagingFact[];
  /** spine imaging reports and imaging observations with their text findings, newest first */
  reports: ReportFact[];
  imagingExcluded: ExcludedFact[];
  /** what this assessment's criteria compute alike from these facts, computed once */
  memo: Memo;
}
