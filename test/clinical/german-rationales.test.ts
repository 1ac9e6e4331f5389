import { describe, expect, it } from 'vitest';
import { assess } from '../../src/clinical';
import type { SurgeonAnswers } from '../../src/clinical/answers';
import { baseResources, NOW, pain, record, report } from './fixtures';

type R = { resourceType?: string; code?: { coding?: { code?: string }[] } };

/** the base patient with a stable NRS 8 (not worsening) and, if given, a report in place of the MRI report */
function stablePain(reportText?: string): unknown[] {
  const kept = baseResources().filter(
    (r) =>
      (r as R).code?.coding?.[0]?.code !== '72514-3' && (!reportText || (r as R).resourceType !== 'DiagnosticReport'),
  );
  return [...kept, pain(8, 1), pain(8, 8), ...(reportText ? [report(reportText, 21)] : [])];
}

function painCourse(resources: unknown[], answers: SurgeonAnswers = {}) {
  return assess(record(resources), { now: NOW, ruleSetId: 'lcd-pva', answers }).criteria.find(
    (c) => c.id === 'ind.pain-course',
  )?.rationaleText;
}

describe('German rationales of the payer rule set', () => {
  it('cite the pain score and the supporting findings in German', () => {
    const text = painCourse(stablePain('L1 fracture, bone marrow oedema, height loss 30 %.'), {
      'req.functional-score': { status: 'met', value: 19 },
    });
    expect(text?.en).toMatch(/^NRS 8 on \d{4}-\d\d-\d\d with height loss > 25 %, Roland-Morris > 17\.$/);
    expect(text?.de).toMatch(/^NRS 8 am \d{4}-\d\d-\d\d mit Höhenminderung > 25 %, Roland-Morris > 17\.$/);
  });

  it('say "keine" where no supporting finding is present', () => {
    const text = painCourse(stablePain());
    expect(text?.en).toContain('present: none; not known: height loss > 25 %, kyphotic deformity');
    expect(text?.de).toContain('vorhanden: keine; unbekannt: Höhenminderung > 25 %, kyphotische Deformität');
  });
});

describe('pain rationales of the guideline', () => {
  it("cite the score in each rationale's own language", () => {
    const a = assess(
      record(
        stablePain()
          .filter((r) => (r as R).code?.coding?.[0]?.code !== '72514-3')
          .concat(pain(3, 1)),
      ),
      { now: NOW },
    );
    const severe = a.criteria.find((c) => c.id === 'ind.pain-severe')?.rationaleText;
    expect(severe?.en).toMatch(/^Latest pain NRS 3 on \d{4}-\d\d-\d\d is below 5\.$/);
    expect(severe?.de).toMatch(/^Letzter Schmerzwert NRS 3 am \d{4}-\d\d-\d\d liegt unter 5\.$/);
  });
});
