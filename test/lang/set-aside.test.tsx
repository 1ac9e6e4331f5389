// @vitest-environment jsdom
/**
 * Why a fact was set aside, in each language (src/clinical/set-aside.ts): the screen shows the surgeon's language, a
 * caution quoting it the note's, and the note's audit trail keeps the English sentence it always carried.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import type { ExcludedEvidence } from '../../src/clinical/assessment';
import { SET_ASIDE } from '../../src/clinical/set-aside';
import type { Lang } from '../../src/lang';
import { ASSESSMENT_EXTENSION_URL, buildNote, readAuditTrail } from '../../src/report';
import { Criteria } from '../../src/ui/components/Criteria';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { noteContext } from '../report/fixtures';

afterEach(cleanup);

const now = new Date('2026-12-05T12:00:00Z');
const patient = (n: number) => demoPatients(now).find((p) => p.scenario === n)!;
/** scenario 10: an old MRI, a report from before the fracture, a plain film, a resolved condition */
const scenario10 = () => assess(recordFromBundle(patient(10).bundle), { now, answers: patient(10).answers });
const setAside = (a: ReturnType<typeof scenario10>): ExcludedEvidence[] => a.criteria.flatMap((c) => c.excluded);

describe('why a fact was set aside, in each language', () => {
  it('every fixed reason of the catalogue has words of its own in German', () => {
    for (const [name, reason] of Object.entries(SET_ASIDE)) {
      if (typeof reason === 'function') continue;
      expect(reason.de, name).not.toBe(reason.en);
    }
    // a FHIR code is the record's word in every language
    expect(SET_ASIDE.code('entered-in-error')).toEqual({ en: 'entered-in-error', de: 'entered-in-error' });
  });

  it('the engine gives each set-aside entry its reason in every language, the English one also as `why`', () => {
    const items = setAside(scenario10());
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) expect(item.whyText.en).toBe(item.why);
    expect(items.map((i) => i.whyText.de)).toEqual(
      expect.arrayContaining([
        'älter als 12 Wochen',
        'von vor der Fraktur oder älter als 12 Monate',
        'konventionelles Röntgenbild: ein MRT oder CT ist nötig',
        'resolved',
      ]),
    );
  });

  it.each<[Lang, string, string]>([
    ['de', 'Warum nicht verwendet: älter als 12 Wochen', 'older than 12 weeks'],
    ['en', 'Why excluded: older than 12 weeks', 'älter als'],
  ])('the screen in %s shows the reason in its language', (lang, shown, notShown) => {
    const a = scenario10();
    render(
      <I18nContext.Provider value={makeI18n(lang)}>
        <Criteria assessment={a} record={recordFromBundle(patient(10).bundle)} />
      </I18nContext.Provider>,
    );
    expect(document.body.textContent).toContain(shown);
    expect(document.body.textContent).not.toContain(notShown);
  });

  it("a caution that quotes a reason quotes it in the note's language", () => {
    const suspected = { en: 'suspected (Diagnosesicherheit V)', de: 'Verdacht (Diagnosesicherheit V)' };
    expect(SET_ASIDE.suspectedCertainty).toEqual(suspected);
    const record = recordFromBundle(patient(1).bundle);
    record.resources.Condition.push({
      resourceType: 'Condition',
      id: 'infection-suspected',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }],
      },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M46.26' }], text: 'Osteomyelitis' },
      subject: { reference: `Patient/${patient(1).id}` },
    });
    const infection = assess(record, { now }).criteria.find((c) => c.id === 'ci.infection-active')!;
    expect(infection.rationaleText.en).toContain(': suspected (provisional)): confirm.');
    expect(infection.rationaleText.de).toContain(': Verdacht (provisional)): bitte bestätigen.');
  });

  it("the note's audit trail keeps the English reason as `why`, as before, and reads back", () => {
    const assessment = scenario10();
    const { documentReference } = buildNote(assessment, noteContext({ lang: 'de' }), { window });
    const extension = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    const trail = JSON.parse(decodeBase64Utf8(extension?.valueAttachment?.data ?? '') ?? '');
    expect(trail.format).toBe('pvp-eligibility/audit-trail/2');
    const written: ExcludedEvidence[] = trail.assessment.criteria.flatMap((c: { excluded: unknown[] }) => c.excluded);
    expect(written.map((e) => e.why)).toEqual(setAside(assessment).map((e) => e.why));
    expect(written.map((e) => e.why)).toContain('older than 12 weeks');
    expect(readAuditTrail({ ...documentReference, id: 'n1' })?.assessment.recommendation).toBe(
      assessment.recommendation,
    );
  });
});
