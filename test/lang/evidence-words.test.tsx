// @vitest-environment jsdom
/**
 * The app's words in an evidence line, in each language (src/clinical/evidence-words.ts): the screen shows the line in
 * the surgeon's language, a sentence quoting it the note's, and the command line and the note's audit trail keep the
 * English line as `summary`. The record's own texts (a display, a code, a name) stay as the record wrote them.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import { EVIDENCE_WORDS } from '../../src/clinical/evidence-words';
import type { Lang } from '../../src/lang';
import { buildNote } from '../../src/report';
import { Criteria } from '../../src/ui/components/Criteria';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { noteContext } from '../report/fixtures';

afterEach(cleanup);

const now = new Date('2026-12-05T12:00:00Z');
const patient = (n: number) => demoPatients(now).find((p) => p.scenario === n)!;
const assessed = (n: number, ruleSetId = 'pvp-guideline') =>
  assess(recordFromBundle(patient(n).bundle), { now, ruleSetId, answers: patient(n).answers });
const lines = (a: ReturnType<typeof assessed>) => a.criteria.flatMap((c) => [...c.evidence, ...c.excluded]);
/** scenario 4: a coded allergy to bone cement */
const ALLERGY = 'Bone cement (PMMA) Polymethyl methacrylate (substance)';

describe('the words of an evidence line, in each language', () => {
  it('every fixed word of the catalogue has words of its own in German', () => {
    for (const [name, words] of Object.entries(EVIDENCE_WORDS)) {
      if (typeof words === 'function') continue;
      expect(words.de, name).not.toBe(words.en);
    }
  });

  it('the engine gives every line in every language, the English one also as `summary`', () => {
    // scenarios with a coded allergy (4), an X-ray (1, 10, 13), a level (5), the surgeon's answers (1, 11)
    for (const scenario of [1, 4, 5, 10, 11, 13])
      for (const ruleSetId of ['pvp-guideline', 'lcd-pva'])
        for (const line of lines(assessed(scenario, ruleSetId))) expect(line.summaryText.en).toBe(line.summary);
    const german = [1, 4, 5, 10].flatMap((n) => lines(assessed(n)).map((l) => l.summaryText.de));
    expect(german).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Allergie: Bone cement \(PMMA\)/),
        expect.stringMatching(/^Röntgen XR lumbar spine/),
        expect.stringMatching(/ in Höhe L2, L3 \[M46\.46\] \(\d{4}-\d{2}-\d{2}\)$/),
        'Operateur: Intakt',
        expect.stringMatching(/^Geboren \d{4}-\d{2}-\d{2}, \d+ Jahre$/),
      ]),
    );
    for (const line of german) expect(line).not.toMatch(/^(Allergy:|X-ray |Surgeon:|Born )/);
    // a birth date written as a year gives two ages
    expect(EVIDENCE_WORDS.born('1966', 59, 60)).toEqual({
      en: 'Born 1966, 59 or 60 years',
      de: 'Geboren 1966, 59 oder 60 Jahre',
    });
  });

  it.each<[Lang, string, string]>([
    ['de', `Allergie: ${ALLERGY}`, 'Allergy:'],
    ['en', `Allergy: ${ALLERGY}`, 'Allergie:'],
  ])('the screen in %s shows the line in its language', (lang, shown, notShown) => {
    render(
      <I18nContext.Provider value={makeI18n(lang)}>
        <Criteria assessment={assessed(4)} record={recordFromBundle(patient(4).bundle)} />
      </I18nContext.Provider>,
    );
    expect(document.body.textContent).toContain(shown);
    expect(document.body.textContent).not.toContain(notShown);
  });

  it("a sentence quoting a line quotes it in the note's language", () => {
    const assessment = assessed(4);
    const allergy = assessment.criteria.find((c) => c.id === 'ci.cement-allergy')!;
    expect(allergy.rationaleText.en).toContain(`Coded allergy: Allergy: ${ALLERGY}`);
    expect(allergy.rationaleText.de).toContain(`Kodierte Allergie: Allergie: ${ALLERGY}`);
    const { text } = buildNote(assessment, noteContext({ lang: 'de' }), { window });
    expect(text).toContain(`Allergie: ${ALLERGY}`);
    expect(text).not.toContain('Allergy:');
  });
});
