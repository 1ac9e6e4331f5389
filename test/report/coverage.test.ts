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
      '== Recommendation ==\nEligible\nCoverage: More information needed — Medicare coverage: percutaneous vertebral augmentation (LCD L38737)\n',
    );
    expect(text).toContain(
      'Coverage rule set: Medicare coverage: percutaneous vertebral augmentation (LCD L38737) (lcd-pva L38737 (effective 2022-08-21))',
    );
    expect(documentReference.description).toBe(
      'Consult note: eligibility for percutaneous vertebroplasty (PVP): Eligible; Coverage: More information needed',
    );
    expect(documentReference.content[0]?.attachment.title).toBe(documentReference.description);
  });

  it('gives the coverage part its decisive criteria, cautions, criteria with evidence and what is missing', () => {
    const { text } = both();
    expect(text).toContain(
      '== Coverage: Recommendation ==\nMedicare coverage: percutaneous vertebral augmentation (LCD L38737) (lcd-pva L38737 (effective 2022-08-21))\nMore information needed\n',
    );
    expect(text).toMatch(
      /== Coverage: Recommendation ==[^=]*- Decisive\n {4}\* Worsening pain or two supporting findings: /,
    );
    expect(text).toMatch(
      /== Coverage: Recommendation ==[^=]*- Cautions\n {4}\* Functional score documented \(Roland-Morris\): Document a Roland-Morris Disability Questionnaire score\./,
    );
    expect(text).toContain('== Coverage: Indications ==\n');
    expect(text).toMatch(
      /- \[met\] Pain threshold of the care setting \(ind\.pain-setting\): [^\n]*\n {4}\* Observation\/pvp-01-whitfield-obs-4: /,
    );
    expect(text).toMatch(
      /== Coverage: What is missing ==\n(- .*\n)*- Pain not due to the fracture: whether the pain comes from the identified fracture/,
    );
    // the guideline misses nothing: its own section says so
    expect(text).toContain('== What is missing ==\nNothing.\n');
  });

  it('lists the payer’s documentation checklist, present with its evidence or missing', () => {
    const { text } = both();
    expect(text).toContain(
      '== Coverage: Documentation the payer requires ==\n- [present] Pain scores (NRS/VAS)\n    * Observation/pvp-01-whitfield-obs-4: ',
    );
    expect(text).toContain('- [missing] Functional score (Roland-Morris)\n');
    expect(text).toMatch(
      /- \[present\] Referral for bone-density evaluation \/ osteoporosis treatment\n {4}\* Observation\/pvp-01-whitfield-obs-1: DXA/,
    );
  });

  it('names what the rule set could not verify, with the criterion it concerns', () => {
    const { text } = both();
    expect(text).toContain(
      "== Coverage: Not verified in the rule set (open points) ==\nThe rule set's authors could not verify these points",
    );
    expect(text).toContain(
      '- Functional score documented (Roland-Morris) (req.functional-score): No LOINC code for the Roland-Morris',
    );
    expect(text).toContain('- The body of LCD L38737 (coverage indications, documentation requirements) was not read');
  });

  it('names each answer once, also one only the coverage rule set asks', () => {
    const extra: SurgeonAnswers = { ...answers, 'ci.pain-not-from-fracture': { status: 'not-met' } };
    const { text } = buildNote(
      guideline,
      noteContext({ answers: extra, coverage: assess(record, { now: NOW, ruleSetId: 'lcd-pva', answers: extra }) }),
      { window },
    );
    expect(text.match(/Posterior wall disrupted: Intact \(not met\) \(surgeon's answer\)/g)).toHaveLength(1);
    expect(text).toContain(
      "- Pain not due to the fracture: No, it matches the fracture (axial, level on examination) (not met) (surgeon's answer)",
    );
  });

  it('is written in German with the coverage part marked', () => {
    const { text } = both('de');
    expect(text).toContain(
      'Kostenübernahme: Weitere Informationen nötig — Medicare-Kostenübernahme: perkutane Wirbelkörperaugmentation (LCD L38737)',
    );
    expect(text).toContain(
      '== Kostenübernahme: Vom Kostenträger verlangte Dokumentation ==\n- [vorhanden] Schmerzwerte (NRS/VAS)',
    );
    expect(text).toContain('- [fehlt] Funktionsscore (Roland-Morris)');
    expect(text).toContain('== Kostenübernahme: Im Regelwerk nicht verifiziert (offene Punkte) ==');
  });

  it('carries the same note in HTML', () => {
    const { text, html } = both();
    const shown = new JSDOM(html).window.document;
    const headings = [...shown.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Coverage: Recommendation',
        'Coverage: Documentation the payer requires',
        'Coverage: Not verified in the rule set (open points)',
      ]),
    );
    const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
    const body = squash(shown.body.textContent ?? '');
    const lines = text
      .split('\n')
      .filter((l) => l && l !== '--')
      .map((l) => l.replace(/^(==|\s*[-*]) ?|==$/g, ''));
    for (const line of lines) expect(body).toContain(squash(line));
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

  it('a lone payer assessment shows its checklist and open points unmarked', () => {
    const { text, documentReference } = buildNote(coverage, noteContext({ answers }), { window });
    expect(text).toContain('== Documentation the payer requires ==\n');
    expect(text).toContain('== Not verified in the rule set (open points) ==\n');
    expect(text).not.toContain('Coverage:');
    const structured = JSON.parse(
      decodeBase64Utf8(documentReference.extension?.[0]?.valueAttachment?.data ?? '') ?? '',
    );
    expect(structured.coverage).toBeUndefined();
  });
});
