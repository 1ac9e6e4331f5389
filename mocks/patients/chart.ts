import { LOINC, SYSTEM, UNIT, type Drug } from './codes';

/**
 * A small builder so each demo patient reads like a clinical vignette. Every date is "so long
 * before `now`", every id is derived from the chart's id and a counter (deterministic), and every
 * resource gets the US Core shape a real EHR sends (meta.profile, statuses, categories).
 */

/** How long before `now` something happened. */
export interface Ago {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
}

/** The base the bundles' fullUrls use; the server rewrites nothing, references are relative. */
export const DEMO_FULLURL_BASE = 'https://demo-ehr.invalid/fhir';

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';
const profile = (name: string): fhir4.Meta => ({ profile: [US_CORE + name] });

export function before(now: Date, ago: Ago): Date {
  const d = new Date(now.getTime());
  if (ago.years) d.setUTCFullYear(d.getUTCFullYear() - ago.years);
  if (ago.months) d.setUTCMonth(d.getUTCMonth() - ago.months);
  const hours = (ago.weeks ?? 0) * 7 * 24 + (ago.days ?? 0) * 24 + (ago.hours ?? 0);
  return new Date(d.getTime() - hours * 3_600_000);
}

/** A FHIR dateTime with seconds, in UTC, as most servers return it. */
export const dateTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const dateOnly = (d: Date): string => d.toISOString().slice(0, 10);

const concept = (codings: fhir4.Coding[], text?: string): fhir4.CodeableConcept => ({
  coding: codings.length > 0 ? codings : undefined,
  text,
});

/** A body site as EHRs send it: a SNOMED coding, free text, or both. */
export type BodySite = fhir4.Coding | string | fhir4.CodeableConcept;
const bodySiteConcept = (site: BodySite): fhir4.CodeableConcept =>
  typeof site === 'string' ? { text: site } : 'system' in site ? concept([site]) : site;

const statusConcept = (system: string, code: string): fhir4.CodeableConcept => ({ coding: [{ system, code }] });

export type ConditionClinical = 'active' | 'recurrence' | 'relapse' | 'inactive' | 'remission' | 'resolved';
export type ConditionVerification =
  'unconfirmed' | 'provisional' | 'differential' | 'confirmed' | 'refuted' | 'entered-in-error';

export interface PatientSpec {
  given: string[];
  family: string;
  gender: 'male' | 'female';
  /** age in whole years at `now`; the last birthday was `birthdayOffsetDays` ago */
  age: number;
  birthdayOffsetDays?: number;
  /** e.g. "en-US", "de-DE" */
  language?: string;
  mrn: string;
  address: fhir4.Address;
  phone?: string;
  /** extra identifiers (a German insurance number...) */
  identifiers?: fhir4.Identifier[];
}

export interface ConditionSpec {
  code: fhir4.Coding | fhir4.Coding[];
  text?: string;
  onset: Ago;
  abated?: Ago;
  clinicalStatus?: ConditionClinical;
  verificationStatus?: ConditionVerification;
  /** problem-list-item (default) or encounter-diagnosis */
  category?: 'problem-list-item' | 'encounter-diagnosis';
  bodySite?: BodySite[];
  note?: string;
  recordedBy?: string;
}

export interface ObservationSpec {
  code: fhir4.Coding;
  category: 'laboratory' | 'vital-signs' | 'survey' | 'imaging' | 'exam';
  when: Ago;
  value?: number;
  unit?: string;
  status?: 'registered' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled' | 'entered-in-error';
  components?: { code: fhir4.Coding; value: number; unit: string }[];
  interpretation?: 'H' | 'L' | 'N';
  referenceRange?: { low?: number; high?: number };
}

export interface ImagingSpec {
  modality: 'MR' | 'CT' | 'DX' | 'CR' | 'NM';
  description: string;
  when: Ago;
  procedure?: fhir4.Coding;
  bodySite: fhir4.Coding;
  series: string[];
}

export interface ReportSpec {
  title: string;
  when: Ago;
  conclusion: string;
  conclusionCodes?: fhir4.Coding[];
  imagingStudy?: string;
  /** free text of the findings section, presented as an attachment like a real RIS */
  findings?: string;
  language?: string;
}

export interface MedicationSpec {
  drug: Drug;
  authored: Ago;
  status?: 'active' | 'on-hold' | 'cancelled' | 'completed' | 'entered-in-error' | 'stopped' | 'draft';
  dosage: string;
  reason?: fhir4.Coding;
}

export interface AllergySpec {
  substance: fhir4.Coding[];
  text?: string;
  clinicalStatus?: 'active' | 'inactive' | 'resolved';
  verificationStatus?: 'unconfirmed' | 'confirmed' | 'refuted' | 'entered-in-error';
  category?: 'food' | 'medication' | 'environment' | 'biologic';
  criticality?: 'low' | 'high' | 'unable-to-assess';
  recorded: Ago;
  reaction?: { manifestation: fhir4.Coding; severity?: 'mild' | 'moderate' | 'severe'; description?: string };
  note?: string;
}

export interface ProcedureSpec {
  code: fhir4.Coding[];
  text: string;
  when: Ago;
}

export interface EncounterSpec {
  kind: 'ambulatory' | 'inpatient';
  started: Ago;
  reason?: string;
}

/** A practitioner who signs orders and reports in the demo charts. */
export interface DemoPractitioner {
  id: string;
  given: string;
  family: string;
  prefix: string;
  qualification: string;
}

export class Chart {
  private readonly resources: fhir4.FhirResource[] = [];
  private readonly counters = new Map<string, number>();
  private readonly practitioners = new Map<string, fhir4.Practitioner>();
  readonly patientRef: string;
  private encounterRef: string | undefined;

  constructor(
    readonly id: string,
    readonly now: Date,
  ) {
    this.patientRef = `Patient/${id}`;
  }

  private nextId(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.id}-${kind}-${n}`;
  }

  /** the id of the launch's encounter, once `encounter()` was called */
  get encounterId(): string | undefined {
    return this.encounterRef?.slice('Encounter/'.length);
  }

  private at(ago: Ago): Date {
    return before(this.now, ago);
  }

  private add<T extends fhir4.FhirResource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  private author(p: DemoPractitioner): fhir4.Reference {
    if (!this.practitioners.has(p.id)) this.practitioners.set(p.id, practitionerResource(p));
    return { reference: `Practitioner/${p.id}`, display: `${p.prefix} ${p.given} ${p.family}` };
  }

  patient(spec: PatientSpec): this {
    const birth = before(this.now, { years: spec.age, days: spec.birthdayOffsetDays ?? 41 });
    this.add<fhir4.Patient>({
      resourceType: 'Patient',
      id: this.id,
      meta: profile('us-core-patient'),
      identifier: [
        {
          use: 'usual',
          type: {
            coding: [{ system: SYSTEM.identifierType, code: 'MR', display: 'Medical Record Number' }],
            text: 'MRN',
          },
          system: 'urn:oid:2.16.840.1.113883.3.9999.1',
          value: spec.mrn,
        },
        ...(spec.identifiers ?? []),
      ],
      active: true,
      name: [{ use: 'official', family: spec.family, given: spec.given }],
      telecom: spec.phone ? [{ system: 'phone', value: spec.phone, use: 'home' }] : undefined,
      gender: spec.gender,
      birthDate: dateOnly(birth),
      address: [spec.address],
      communication: spec.language
        ? [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: spec.language }] }, preferred: true }]
        : undefined,
    });
    return this;
  }

  /** The visit the app is launched in. */
  encounter(spec: EncounterSpec, attending: DemoPractitioner): this {
    const id = this.nextId('encounter');
    const inpatient = spec.kind === 'inpatient';
    this.add<fhir4.Encounter>({
      resourceType: 'Encounter',
      id,
      meta: profile('us-core-encounter'),
      status: 'in-progress',
      class: {
        system: SYSTEM.actCode,
        code: inpatient ? 'IMP' : 'AMB',
        display: inpatient ? 'inpatient encounter' : 'ambulatory',
      },
      type: [{ text: inpatient ? 'Inpatient admission, spine surgery' : 'Spine clinic visit' }],
      subject: { reference: this.patientRef },
      participant: [{ individual: this.author(attending) }],
      period: { start: dateTime(this.at(spec.started)) },
      reasonCode: spec.reason ? [{ text: spec.reason }] : undefined,
    });
    this.encounterRef = `Encounter/${id}`;
    return this;
  }

  condition(spec: ConditionSpec): this {
    const codings = Array.isArray(spec.code) ? spec.code : [spec.code];
    const clinical = spec.clinicalStatus ?? (spec.abated ? 'resolved' : 'active');
    const verification = spec.verificationStatus ?? 'confirmed';
    const category = spec.category ?? 'problem-list-item';
    this.add<fhir4.Condition>({
      resourceType: 'Condition',
      id: this.nextId('condition'),
      meta: profile(
        category === 'problem-list-item'
          ? 'us-core-condition-problems-health-concerns'
          : 'us-core-condition-encounter-diagnosis',
      ),
      // entered-in-error conditions carry no clinical status (FHIR invariant con-5)
      clinicalStatus:
        verification === 'entered-in-error' ? undefined : statusConcept(SYSTEM.conditionClinical, clinical),
      verificationStatus: statusConcept(SYSTEM.conditionVerification, verification),
      category: [statusConcept(SYSTEM.conditionCategory, category)],
      code: concept(codings, spec.text ?? codings[0]?.display),
      bodySite: spec.bodySite?.map(bodySiteConcept),
      subject: { reference: this.patientRef },
      onsetDateTime: dateTime(this.at(spec.onset)),
      // nor an abatement, which needs a clinical status (con-4; HAPI's validator refuses both)
      abatementDateTime:
        spec.abated && verification !== 'entered-in-error' ? dateTime(this.at(spec.abated)) : undefined,
      recordedDate: dateTime(this.at(spec.onset)),
      note: spec.note ? [{ text: spec.note }] : undefined,
    });
    return this;
  }

  observation(spec: ObservationSpec): string {
    const id = this.nextId(spec.category === 'laboratory' ? 'lab' : spec.category === 'vital-signs' ? 'vital' : 'obs');
    const profiles: Record<ObservationSpec['category'], string> = {
      laboratory: 'us-core-observation-lab',
      'vital-signs': 'us-core-vital-signs',
      survey: 'us-core-observation-survey',
      imaging: 'us-core-observation-imaging',
      exam: 'us-core-observation-clinical-result',
    };
    const unit = spec.unit;
    this.add<fhir4.Observation>({
      resourceType: 'Observation',
      id,
      meta: profile(profiles[spec.category]),
      status: spec.status ?? 'final',
      category: [
        {
          coding: [
            { system: SYSTEM.observationCategory, code: spec.category, display: categoryDisplay[spec.category] },
          ],
        },
      ],
      code: concept([spec.code], spec.code.display),
      subject: { reference: this.patientRef },
      effectiveDateTime: dateTime(this.at(spec.when)),
      issued: dateTime(this.at({ ...spec.when, hours: (spec.when.hours ?? 0) - 2 })),
      valueQuantity:
        spec.value !== undefined
          ? { value: spec.value, ...(unit ? { unit, system: SYSTEM.ucum, code: unit } : {}) }
          : undefined,
      interpretation: spec.interpretation
        ? [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
                  code: spec.interpretation,
                },
              ],
            },
          ]
        : undefined,
      referenceRange: spec.referenceRange
        ? [
            {
              low:
                spec.referenceRange.low !== undefined
                  ? { value: spec.referenceRange.low, unit, system: SYSTEM.ucum, code: unit }
                  : undefined,
              high:
                spec.referenceRange.high !== undefined
                  ? { value: spec.referenceRange.high, unit, system: SYSTEM.ucum, code: unit }
                  : undefined,
            },
          ]
        : undefined,
      component: spec.components?.map((c) => ({
        code: concept([c.code]),
        valueQuantity: { value: c.value, unit: c.unit, system: SYSTEM.ucum, code: c.unit },
      })),
    });
    return id;
  }

  /** A 0-10 numeric rating scale score, as nursing documents it. */
  painScore(value: number, when: Ago, status: ObservationSpec['status'] = 'final'): this {
    this.observation({ code: LOINC.painNrs, category: 'survey', when, value, unit: UNIT.score, status });
    return this;
  }

  lab(code: fhir4.Coding, value: number, unit: string, when: Ago, range?: { low?: number; high?: number }): this {
    const interpretation =
      range && range.high !== undefined && value > range.high
        ? 'H'
        : range && range.low !== undefined && value < range.low
          ? 'L'
          : undefined;
    this.observation({ code, category: 'laboratory', when, value, unit, referenceRange: range, interpretation });
    return this;
  }

  /** INR and platelet count drawn together, as a pre-procedure coagulation screen. */
  coagulationScreen(inr: number, plateletsPerNl: number, when: Ago): this {
    return this.lab(LOINC.inr, inr, UNIT.inr, when, { low: 0.8, high: 1.2 }).lab(
      LOINC.platelets,
      plateletsPerNl,
      UNIT.perNanolitre,
      when,
      {
        low: 150,
        high: 400,
      },
    );
  }

  vitals(when: Ago, v: { temperature: number; heartRate: number; systolic: number; diastolic: number }): this {
    this.observation({
      code: LOINC.bodyTemperature,
      category: 'vital-signs',
      when,
      value: v.temperature,
      unit: UNIT.celsius,
    });
    this.observation({
      code: LOINC.heartRate,
      category: 'vital-signs',
      when,
      value: v.heartRate,
      unit: UNIT.perMinute,
    });
    this.observation({
      code: LOINC.bloodPressure,
      category: 'vital-signs',
      when,
      components: [
        { code: LOINC.systolic, value: v.systolic, unit: UNIT.mmHg },
        { code: LOINC.diastolic, value: v.diastolic, unit: UNIT.mmHg },
      ],
    });
    return this;
  }

  /** A spine study in the PACS; returns the ImagingStudy reference for its report. */
  imaging(spec: ImagingSpec): string {
    const id = this.nextId('imaging');
    const started = dateTime(this.at(spec.when));
    this.add<fhir4.ImagingStudy>({
      resourceType: 'ImagingStudy',
      id,
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:2.25.${dicomUidDigits(id)}` }],
      status: 'available',
      modality: [{ system: SYSTEM.dicom, code: spec.modality }],
      subject: { reference: this.patientRef },
      started,
      procedureCode: spec.procedure ? [concept([spec.procedure])] : undefined,
      description: spec.description,
      numberOfSeries: spec.series.length,
      numberOfInstances: spec.series.length * 24,
      series: spec.series.map((description, i) => ({
        uid: `2.25.${dicomUidDigits(id)}.${i + 1}`,
        number: i + 1,
        modality: { system: SYSTEM.dicom, code: spec.modality },
        description,
        numberOfInstances: 24,
        bodySite: spec.bodySite,
        started,
      })),
    });
    return `ImagingStudy/${id}`;
  }

  /** A signed radiology report with its impression as `conclusion`. */
  radiologyReport(spec: ReportSpec, radiologist: DemoPractitioner): this {
    const id = this.nextId('report');
    const issued = this.at({ ...spec.when, hours: (spec.when.hours ?? 0) - 5 });
    this.add<fhir4.DiagnosticReport>({
      resourceType: 'DiagnosticReport',
      id,
      meta: profile('us-core-diagnosticreport-note'),
      status: 'final',
      category: [
        { coding: [LOINC.radiology, { system: SYSTEM.diagnosticServiceSection, code: 'RAD', display: 'Radiology' }] },
      ],
      code: concept([LOINC.imagingStudyReport], spec.title),
      subject: { reference: this.patientRef },
      effectiveDateTime: dateTime(this.at(spec.when)),
      issued: dateTime(issued),
      performer: [this.author(radiologist)],
      resultsInterpreter: [this.author(radiologist)],
      imagingStudy: spec.imagingStudy ? [{ reference: spec.imagingStudy }] : undefined,
      conclusion: spec.conclusion,
      conclusionCode: spec.conclusionCodes?.map((c) => concept([c])),
      presentedForm: spec.findings
        ? [
            {
              contentType: 'text/plain; charset=utf-8',
              language: spec.language ?? 'en',
              data: base64(spec.findings),
              title: spec.title,
            },
          ]
        : undefined,
    });
    return this;
  }

  medication(spec: MedicationSpec, prescriber: DemoPractitioner): this {
    const status = spec.status ?? 'active';
    const authored = this.at(spec.authored);
    this.add<fhir4.MedicationRequest>({
      resourceType: 'MedicationRequest',
      id: this.nextId('medrx'),
      meta: profile('us-core-medicationrequest'),
      status,
      intent: 'order',
      category: [{ coding: [{ system: SYSTEM.medicationRequestCategory, code: 'outpatient', display: 'Outpatient' }] }],
      medicationCodeableConcept: concept(spec.drug.codings, spec.drug.text),
      subject: { reference: this.patientRef },
      authoredOn: dateTime(authored),
      requester: this.author(prescriber),
      reasonCode: spec.reason ? [concept([spec.reason])] : undefined,
      dosageInstruction: [{ text: spec.dosage }],
      dispenseRequest: { validityPeriod: { start: dateOnly(authored) }, numberOfRepeatsAllowed: 2 },
    });
    return this;
  }

  allergy(spec: AllergySpec): this {
    const verification = spec.verificationStatus ?? 'confirmed';
    this.add<fhir4.AllergyIntolerance>({
      resourceType: 'AllergyIntolerance',
      id: this.nextId('allergy'),
      meta: profile('us-core-allergyintolerance'),
      clinicalStatus:
        verification === 'entered-in-error'
          ? undefined
          : statusConcept(SYSTEM.allergyClinical, spec.clinicalStatus ?? 'active'),
      verificationStatus: statusConcept(SYSTEM.allergyVerification, verification),
      type: 'allergy',
      category: spec.category ? [spec.category] : undefined,
      criticality: spec.criticality,
      code: concept(spec.substance, spec.text ?? spec.substance[0]?.display),
      patient: { reference: this.patientRef },
      recordedDate: dateTime(this.at(spec.recorded)),
      reaction: spec.reaction
        ? [
            {
              manifestation: [concept([spec.reaction.manifestation])],
              severity: spec.reaction.severity,
              description: spec.reaction.description,
            },
          ]
        : undefined,
      note: spec.note ? [{ text: spec.note }] : undefined,
    });
    return this;
  }

  /** "No known drug allergies" is itself a statement, coded with SNOMED 409137002. */
  noKnownDrugAllergies(recorded: Ago): this {
    return this.allergy({
      substance: [{ system: SYSTEM.snomed, code: '409137002', display: 'No known drug allergy (situation)' }],
      recorded,
    });
  }

  procedure(spec: ProcedureSpec): this {
    this.add<fhir4.Procedure>({
      resourceType: 'Procedure',
      id: this.nextId('procedure'),
      meta: profile('us-core-procedure'),
      status: 'completed',
      code: concept(spec.code, spec.text),
      subject: { reference: this.patientRef },
      performedDateTime: dateTime(this.at(spec.when)),
    });
    return this;
  }

  /** The chart as a collection Bundle: the patient first, then the practitioners, then the rest. */
  bundle(): fhir4.Bundle {
    const all = [...this.resources, ...this.practitioners.values()].map(stripUndefined);
    all.sort((a, b) => rank(a) - rank(b));
    return {
      resourceType: 'Bundle',
      id: `${this.id}-record`,
      type: 'collection',
      timestamp: dateTime(this.now),
      entry: all.map((resource) => ({
        fullUrl: `${DEMO_FULLURL_BASE}/${resource.resourceType}/${resource.id ?? ''}`,
        resource,
      })),
    };
  }
}

const categoryDisplay: Record<ObservationSpec['category'], string> = {
  laboratory: 'Laboratory',
  'vital-signs': 'Vital Signs',
  survey: 'Survey',
  imaging: 'Imaging',
  exam: 'Exam',
};

const rank = (r: fhir4.FhirResource): number =>
  r.resourceType === 'Patient' ? 0 : r.resourceType === 'Practitioner' ? 1 : 2;

export function practitionerResource(p: DemoPractitioner): fhir4.Practitioner {
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: profile('us-core-practitioner'),
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: npiFor(p.id) }],
    active: true,
    name: [{ family: p.family, given: [p.given], prefix: [p.prefix] }],
    qualification: [{ code: { text: p.qualification } }],
  };
}

/** A stable 10-digit number from an id (not a real NPI). */
function npiFor(id: string): string {
  let h = 7;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_000;
  return `1${String(h).padStart(9, '0')}`;
}

function dicomUidDigits(id: string): string {
  let h = 0n;
  for (const ch of id) h = (h * 131n + BigInt(ch.charCodeAt(0))) % 10n ** 30n;
  return h.toString();
}

/** UTF-8 then base64, for Attachment.data (works in Node and browsers alike). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** JSON as a server sends it: absent elements are absent, not `undefined`. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
