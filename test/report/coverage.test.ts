import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, type SurgeonAnswers } from '../../src/clinical';
import { ASSESSMENT_EXTENSION_URL, buildNote, readAuditTrail } from '../../src/report';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { r4Problems, usCoreProblems } from './conformance';
import { noteContext } from './fixtures';

const { window } = new JSDOM('');
const NOW = new Date('2026-11-25T08:00:00Z');

/** scenario 1 under both rule sets, with the same answers, as the surgeon's view assesses it */
const scenario1 = demoPatients(NOW).find((p) => p.scenario === 1);
if (!scenario1) throw new Error('no scenario 1 patient');
const record = recordFromBundle(scenario1.bundle);
const answers: SurgeonAnswers = {
  'req.posterior-wall-assessed': { status: 'met', answeredAt: '2026-11-25T08:05:00Z' },
  'rc.posterior-wall': { status: 'not-met', answeredAt: '2026-11-25T08:05:00Z' },
};
const guideline = assess(record, { now: NOW, answers });
const coverage = assess(record, { now: NOW, ruleSetId: 'lcd-pva', answers });

const both = (lang: 'en' | 'de' = 'en') =>
  buildNote(guideline, noteContext({ answers, coverages: [coverage], lang }), { window });

describe('the note with the guideline and the coverage verdict', () => {
  it('the engine gives the two verdicts this test relies on', () => {
    expect(guideline.recommendation).toBe('eligible');
    expect(coverage.recommendation).toBe('insufficient-data');
  });

  it('states both verdicts at the top and in the title', () => {
    const { text, documentReference } = both();
    expect(text).toContain(
      'Recommendation: Eligible\nPayer coverage: More information needed (Medicare coverage: percutaneous vertebral augmentation (LCD L38737))\n',
    );
    expect(documentReference.description).toBe(
      'Consult note: percutaneous vertebroplasty (PVP): Eligible; Payer coverage: More information needed',
    );
    expect(documentReference.content[0]?.attachment.title).toBe(documentReference.description);
  });

  it('gives the payer’s to-dos their own line of the plan, apart from the clinical plan', () => {
    const { text } = both();
    expect(text).toMatch(/\nFor the payer: .*Document a Roland-Morris Disability Questionnaire score\./);
    expect(text).toMatch(
      /\nFor the payer: .*To answer: whether the pain comes from the identified fracture \(axial, matches the level\)\./,
    );
    // the guideline is satisfied: nothing clinical to do
    expect(text).toContain('\nPlan: Nothing further before the procedure.\n');
    // the payer's criteria are in the structured part, not in the note's lines
    expect(text).not.toContain('Pain threshold of the care setting');
  });

  it('leaves the payer’s to-dos out when the clinical verdict is "not eligible"', () => {
    const healed = demoPatients(NOW).find((p) => p.scenario === 11);
    if (!healed) throw new Error('no scenario 11 patient');
    const chart = recordFromBundle(healed.bundle);
    const no = assess(chart, { now: NOW, answers });
    expect(no.recommendation).toBe('not-eligible');
    const { text } = buildNote(
      no,
      noteContext({ answers, coverages: [assess(chart, { now: NOW, ruleSetId: 'lcd-pva', answers })] }),
      { window },
    );
    expect(text).toContain('\nPlan: No vertebroplasty.');
    expect(text).not.toContain('For the payer');
    expect(text).not.toContain('To obtain');
  });

  it('names each answer once, also one only the coverage rule set asks', () => {
    const extra: SurgeonAnswers = { ...answers, 'ci.pain-not-from-fracture': { status: 'not-met' } };
    const { text } = buildNote(
      guideline,
      noteContext({ answers: extra, coverages: [assess(record, { now: NOW, ruleSetId: 'lcd-pva', answers: extra })] }),
      { window },
    );
    expect(text.match(/Posterior wall on MRI\/CT: Intact/g)).toHaveLength(1);
    expect(text).toContain(
      'Does the pain come from the fracture (axial, level on examination)? Yes, from the fracture',
    );
  });

  it('is written in German with the payer’s verdict named', () => {
    const { text } = both('de');
    expect(text).toContain(
      'Kostenübernahme: Weitere Angaben nötig (Medicare-Kostenübernahme: perkutane Wirbelkörperaugmentation (LCD L38737))',
    );
    expect(text).toMatch(/\nFür den Kostenträger: /);
  });

  it('carries the same note in HTML', () => {
    const { text, html } = both();
    const shown = new JSDOM(html).window.document;
    const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
    const body = squash(shown.body.textContent ?? '');
    for (const line of text.split('\n').filter(Boolean)) expect(body).toContain(squash(line));
  });

  it('carries both assessments in the structured extension, and the sources of both in the Provenance', () => {
    const { documentReference, provenance } = both();
    expect(r4Problems(documentReference)).toEqual([]);
    expect(usCoreProblems(documentReference)).toEqual([]);
    const extension = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    const structured = JSON.parse(decodeBase64Utf8(extension?.valueAttachment?.data ?? '') ?? '');
    expect(structured.assessment).toEqual(JSON.parse(JSON.stringify(guideline)));
    expect(structured.coverages).toEqual(JSON.parse(JSON.stringify([coverage])));
    const sources = provenance?.entity?.map((e) => e.what.reference) ?? [];
    // the DXA T-score is evidence for the LCD's bone-health requirement only
    expect(
      guideline.criteria.flatMap((c) => c.evidence).some((e) => e.reference === 'Observation/pvp-01-whitfield-obs-1'),
    ).toBe(false);
    expect(sources).toContain('Observation/pvp-01-whitfield-obs-1');
  });

  it('a lone payer assessment is a note of its own, without a second verdict', () => {
    const { text, documentReference } = buildNote(coverage, noteContext({ answers }), { window });
    expect(text).toContain('Recommendation: More information needed\n');
    expect(text).not.toContain('Payer coverage');
    const structured = JSON.parse(
      decodeBase64Utf8(documentReference.extension?.[0]?.valueAttachment?.data ?? '') ?? '',
    );
    expect(structured.coverages).toBeUndefined();
  });
});

describe('the note with two payers’ verdicts', () => {
  // a second payer's rule set, defined here only (the app ships one): the LCD's criteria under another title
  const commercial = {
    ...coverage,
    recommendation: 'not-eligible',
    computedRecommendation: 'not-eligible',
    ruleset: { id: 'test-commercial', version: 'T1' },
    rulesetInfo: {
      id: 'test-commercial',
      version: 'T1',
      title: { en: 'Commercial payer (test)', de: 'Privater Kostenträger (Test)' },
      citations: [],
    },
  } as typeof coverage;
  const note = () => buildNote(guideline, noteContext({ answers, coverages: [coverage, commercial] }), { window });

  it('states each verdict with its rule set’s title, in the site’s order, and each in the title', () => {
    const { text, documentReference } = note();
    expect(text).toContain(
      'Recommendation: Eligible\nPayer coverage: More information needed (Medicare coverage: percutaneous vertebral augmentation (LCD L38737))\nPayer coverage: Not eligible (Commercial payer (test))\n',
    );
    expect(documentReference.description).toBe(
      'Consult note: percutaneous vertebroplasty (PVP): Eligible; Payer coverage: More information needed (Medicare coverage: percutaneous vertebral augmentation (LCD L38737)); Payer coverage: Not eligible (Commercial payer (test))',
    );
    // the second payer's to-dos are the first's: said once, under the first's title
    expect(text).toMatch(/\nFor the payer \(Medicare coverage[^\n]*\): .*Roland-Morris/);
    expect(text).not.toContain('For the payer (Commercial payer (test))');
  });

  it('carries every payer’s assessment in the structured extension, read back in order', () => {
    const { documentReference } = note();
    const extension = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    const structured = JSON.parse(decodeBase64Utf8(extension?.valueAttachment?.data ?? '') ?? '');
    expect(structured.coverages).toEqual(JSON.parse(JSON.stringify([coverage, commercial])));
    expect(readAuditTrail({ ...documentReference, id: 'n1' })?.coverages?.map((c) => c.ruleset.id)).toEqual([
      'lcd-pva',
      'test-commercial',
    ]);
  });

  it('reads a note of the version that kept one payer’s assessment as `coverage` as a list of one', () => {
    const { documentReference } = both();
    const extension = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    const { coverages, ...trail } = JSON.parse(decodeBase64Utf8(extension?.valueAttachment?.data ?? '') ?? '');
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
    const older = (value: unknown) => ({
      ...documentReference,
      extension: [
        { url: ASSESSMENT_EXTENSION_URL, valueAttachment: { contentType: 'application/json', data: encode(value) } },
      ],
    });
    const onePayer = { ...trail, format: 'pvp-eligibility/audit-trail/1' };
    expect(readAuditTrail(older({ ...onePayer, coverage: coverages[0] }))?.coverages).toEqual(coverages);
    expect(readAuditTrail(older({ ...onePayer, coverage: { recommendation: 'maybe' } }))).toBeUndefined();
    // the list format says so: its trail carries the payers only as `coverages`
    expect(trail.format).toBe('pvp-eligibility/audit-trail/2');
    expect(readAuditTrail(older({ ...trail, coverage: coverages[0] }))?.coverages).toBeUndefined();
    expect(readAuditTrail(older({ ...trail, coverages: [coverages[0], 'x'] }))).toBeUndefined();
  });
});
