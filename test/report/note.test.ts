import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { buildNote, NoteContextError, noteText } from '../../src/report';
import { noteContext, scenario10Overridden, scenario1Eligible, scenario7Cautions } from './fixtures';

const { window } = new JSDOM('');

describe('the consult note a colleague reads', () => {
  it('states the verdict, the findings it rests on, the contraindications checked and the plan, in a few lines', () => {
    const { text } = buildNote(scenario1Eligible(), noteContext(), { window });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Consult note: percutaneous vertebroplasty (PVP)');
    expect(lines).toContain('Recommendation: Eligible');
    expect(lines).toContain('Severe pain: NRS 8 on 20 Nov 2026 (≥ 5).');
    expect(lines).toContain('Contraindications absent: Bone cement allergy; Active infection; Anticoagulation');
    expect(lines).toContain(
      'Surgeon’s answers: Has the posterior wall been assessed on MRI/CT? Assessed (intact on sagittal STIR)',
    );
    expect(lines).toContain('Plan: Nothing further before the procedure.');
    expect(
      lines.some((l) => l.startsWith('Expected benefit: most consistent in acute fractures with MRI oedema')),
    ).toBe(true);
    // signed by name, in the surgeon's local time (Europe/Berlin here: 08:15 UTC is 09:15)
    expect(lines).toContain('Signed 25 Nov 2026, 09:15 by Dr. Anna Weber.');
    expect(lines.length).toBeLessThanOrEqual(25);
  });

  it('carries no resource id, criterion id, code or ISO date in its text', () => {
    for (const assessment of [scenario1Eligible(), scenario7Cautions(), scenario10Overridden()]) {
      const { text: all } = buildNote(assessment, noteContext({ override: assessment.override }), { window });
      // the surgeon's own words stay as typed
      const text = all.replace(/^Reason for the surgeon’s decision: .*$/m, '');
      expect(text).not.toMatch(/\b(Patient|Practitioner|Condition|Observation|DocumentReference|Encounter)\//);
      expect(text).not.toMatch(/\b(ind|ci|rc|req)\.[a-z-]+ \(/);
      expect(text).not.toMatch(/urn:uuid|\d{4}-\d{2}-\d{2}/);
      expect(text).not.toMatch(/M80\.|S22\.|http/);
    }
  });

  it('names cautions as what to do, and what could not be read', () => {
    const { text } = buildNote(scenario7Cautions(), noteContext(), { window });
    expect(text).toContain('Recommendation: Eligible with cautions\n');
    expect(text).toMatch(/\nRelative contraindication present: Anticoagulation: /);
    expect(text).toMatch(/\nPlan: Hold apixaban before the procedure \(SIR 2019, high bleeding risk\)\./);
    expect(text).toContain(
      'Not read fully: Allergies: not permitted (The granted scope does not allow reading allergies.)',
    );
  });

  it('names a list read partly as the screen does ("partly read", no longer "read partly")', () => {
    const base = scenario7Cautions();
    const assessment = {
      ...base,
      reads: { ...base.reads, Observation: { state: 'partial' as const, reason: 'The paging cap was reached.' } },
    };
    expect(buildNote(assessment, noteContext(), { window }).text).toContain(
      'Observations: partly read (The paging cap was reached.)',
    );
    expect(buildNote(assessment, noteContext({ lang: 'de' }), { window }).text).toContain(
      'Befunde und Messwerte: teilweise gelesen',
    );
  });

  it('records an override with its reason beside what the app computed, and what is missing as the plan', () => {
    const assessment = scenario10Overridden();
    const { text } = buildNote(assessment, noteContext({ override: assessment.override }), { window });
    expect(text).toContain(
      'Recommendation: Eligible (set by the surgeon; the app computed: More information needed)\nReason for the surgeon’s decision: Outside MRI of 2026-11-10 reviewed, oedema L1.\n',
    );
    expect(text).toContain('Decided by: Spine MRI or CT within 12 weeks\n');
    expect(text).toContain('Spine MRI or CT within 12 weeks, not known: ');
    expect(text).toContain('Plan: Order a spine MRI with STIR.');
    expect(text).toContain('Not read fully: Imaging studies: could not be read (The server answered 500.)');
  });

  it('gives a value the surgeon entered as entered, never as "unknown"', () => {
    const assessment = scenario1Eligible();
    const { text } = buildNote(
      assessment,
      noteContext({
        answers: {
          'req.functional-score': { status: 'unknown', value: 18 },
          'ind.painful-lesion': { status: 'met', levels: ['L1', 'L2'] },
        },
      }),
      { window },
    );
    expect(text).toContain('Surgeon’s answers: req.functional-score: 18; Painful vertebral fracture or lesion: L1, L2');
  });

  it('names the care-setting answer by its question, in the note’s language', () => {
    const answers = { 'setting.inpatient': { status: 'met' as const } };
    const { text } = buildNote(scenario1Eligible(), noteContext({ answers }), { window });
    expect(text).toContain('Surgeon’s answers: Is the patient an inpatient? Yes, an inpatient');
    const german = buildNote(scenario1Eligible(), noteContext({ answers, lang: 'de' }), { window });
    expect(german.text).toContain('Ist die Patientin / der Patient stationär aufgenommen? Ja, stationär');
  });

  it('is written in German when the surgeon works in German, dates and all', () => {
    const { text, documentReference } = buildNote(scenario7Cautions(), noteContext({ lang: 'de' }), { window });
    expect(text.split('\n')[0]).toBe('Konsilbericht: perkutane Vertebroplastie (PVP)');
    expect(text).toContain('Empfehlung: Geeignet mit Vorbehalten\n');
    expect(text).toContain('Vorgehen: Apixaban vor dem Eingriff pausieren');
    expect(text).toContain('Starke Schmerzen: NRS 8 am 20.11.2026 (≥ 5).');
    expect(text).toContain('Signiert am 25.11.2026, 09:15 von Dr. Anna Weber.');
    expect(text).not.toMatch(/\b(Recommendation|Signed|Plan|Contraindications|Patient:)\b/);
    expect(documentReference.language).toBe('de');
  });

  it('says which earlier note an amendment replaces, by its date and verdict', () => {
    const { text } = buildNote(
      scenario1Eligible(),
      noteContext({ replaces: { id: 'doc-1', date: '2026-11-25T08:00:00Z', recommendation: 'insufficient-data' } }),
      { window },
    );
    expect(text).toContain('This note replaces the note signed 25 Nov 2026, 09:00 (More information needed).');
    expect(text).not.toContain('doc-1');
  });

  it('without the signer’s name says so rather than naming a reference', () => {
    const { text } = buildNote(scenario1Eligible(), noteContext({ author: { reference: 'Practitioner/dr-a' } }), {
      window,
    });
    expect(text).toContain('Signed 25 Nov 2026, 09:15 by the signing user (not named by the EHR).');
  });

  it('keeps every scenario patient’s note short: at most 25 lines, in both languages', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    for (const patient of demoPatients(now)) {
      const record = recordFromBundle(patient.bundle);
      const answers = patient.answers ?? {};
      const guideline = assess(record, { now, answers });
      const coverage = assess(record, { now, answers, ruleSetId: 'lcd-pva' });
      for (const lang of ['en', 'de'] as const) {
        const text = noteText(guideline, noteContext({ answers, coverages: [coverage], lang }));
        expect(text.trimEnd().split('\n').length, `scenario ${patient.scenario} (${lang})`).toBeLessThanOrEqual(25);
      }
    }
  });

  it('is the same note for the same input (a retry writes identical content)', () => {
    const a = buildNote(scenario1Eligible(), noteContext(), { window });
    const b = buildNote(scenario1Eligible(), noteContext(), { window });
    expect(b).toEqual(a);
  });

  it('refuses a context it cannot sign with a clear message', () => {
    expect(() => buildNote(scenario1Eligible(), noteContext({ assessmentId: 'not-a-uuid' }), { window })).toThrow(
      NoteContextError,
    );
    expect(() => buildNote(scenario1Eligible(), noteContext({ signedAt: '25.11.2026' }), { window })).toThrow(
      /signing time is not an ISO 8601 instant/,
    );
    expect(() =>
      buildNote(scenario1Eligible(), noteContext({ patient: { reference: 'Practitioner/1' } }), { window }),
    ).toThrow(/patient reference/);
  });

  it('gives the text alone, as the signed note has it, for the preview and the copy', () => {
    for (const assessment of [scenario1Eligible(), scenario7Cautions(), scenario10Overridden()]) {
      expect(noteText(assessment, noteContext())).toBe(buildNote(assessment, noteContext(), { window }).text);
    }
    expect(() => noteText(scenario1Eligible(), noteContext({ assessmentId: 'not-a-uuid' }))).toThrow(NoteContextError);
  });

  it('needs a DOM for the HTML sanitiser in Node and says so', () => {
    expect(() => buildNote(scenario1Eligible(), noteContext())).toThrow(/pass a window/);
  });
});
