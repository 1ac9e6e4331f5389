import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle, type SurgeonAnswers } from '../../src/clinical';
import { ASSESSMENT_EXTENSION_URL, buildNote } from '../../src/report';
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

const both = (lang: 'en' | 'de' = 'en') => buildNote(guideline, noteContext({ answers, coverage, lang }), { window });

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
      noteContext({ answers, coverage: assess(chart, { now: NOW, ruleSetId: 'lcd-pva', answers }) }),
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
      noteContext({ answers: extra, coverage: assess(record, { now: NOW, ruleSetId: 'lcd-pva', answers: extra }) }),
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
    expect(structured.coverage).toEqual(JSON.parse(JSON.stringify(coverage)));
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
    expect(structured.coverage).toBeUndefined();
  });
});
