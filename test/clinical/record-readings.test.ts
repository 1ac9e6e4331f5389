import { describe, expect, it } from 'vitest';
import { latestPossible, parseDate, writtenDate } from '../../src/clinical/dates';
import { ruleSet } from '../../src/clinical/rulesets';
import { matchCoding } from '../../src/clinical/terminology/match';
import { painScore } from '../../src/clinical/units';
import {
  assessed,
  baseResources,
  condition,
  medication,
  NOW,
  observation,
  PATIENT,
  pain,
  record,
  SYS,
  WALL_ASSESSED,
} from './fixtures';

/** How the engine reads what the record says imprecisely: bleeding codes, test answers, pain units, partial dates. */

type R = Record<string, unknown>;
const codeOf = (r: R) => (r.code as { coding?: { code: string }[] } | undefined)?.coding?.[0]?.code;
const without = (...codes: string[]) => baseResources().filter((r) => !codes.includes(codeOf(r) ?? ''));
const sets = (system: string, code: string) => matchCoding({ system, code }).map((m) => m.valueSet.id);
const run = (resources: R[], options: { now?: Date; patient?: unknown; ruleSetId?: string } = {}) =>
  assessed(record(resources, {}, options.patient ?? PATIENT), {
    now: options.now ?? NOW,
    ruleSetId: options.ruleSetId,
    answers: WALL_ASSESSED,
  });
const criterion = (a: ReturnType<typeof run>, id: string) => a.criteria.find((c) => c.id === id);

describe('bleeding due to anticoagulants (D68.3-) is correctable, acquired inhibitors are not', () => {
  it('sends CM D68.32 and GM D68.30/.33/.34/.35, D69.80 to VS-DRUG-INDUCED-BLEEDING only', () => {
    expect(sets(SYS.cm, 'D68.32')).toEqual(['VS-DRUG-INDUCED-BLEEDING']);
    for (const code of ['D68.30', 'D68.33', 'D68.34', 'D68.35', 'D69.80'])
      expect(sets(SYS.gm, code), code).toEqual(['VS-DRUG-INDUCED-BLEEDING']);
  });

  it('keeps the inhibitors in VS-COAGULOPATHY: CM D68.311/.312/.318, GM D68.31/.32/.38 (GM D68.32 is an antibody, CM D68.32 the drug)', () => {
    for (const code of ['D68.311', 'D68.312', 'D68.318']) expect(sets(SYS.cm, code), code).toEqual(['VS-COAGULOPATHY']);
    for (const code of ['D68.31', 'D68.32', 'D68.38']) expect(sets(SYS.gm, code), code).toEqual(['VS-COAGULOPATHY']);
  });

  it('D68.32 (CM) → rc.coagulation-correctable met, no coagulopathy question: eligible with cautions', () => {
    const a = run([
      ...baseResources(),
      condition(SYS.cm, 'D68.32', 'Hemorrhagic disorder due to extrinsic circulating anticoagulants'),
    ]);
    expect(criterion(a, 'rc.coagulation-correctable')).toMatchObject({ status: 'met' });
    expect(criterion(a, 'rc.coagulation-correctable')?.rationale).toContain('D68.32');
    expect(criterion(a, 'ci.coagulopathy-uncorrectable')?.status).toBe('not-met');
    expect(a.recommendation).toBe('eligible-with-cautions');
  });

  it('the payer rule set inherits the value set and counts D68.33 (GM) too', () => {
    expect(ruleSet('lcd-pva')?.criteria.find((c) => c.id === 'rc.coagulation-correctable')?.valueSets).toContain(
      'VS-DRUG-INDUCED-BLEEDING',
    );
    const a = run([...baseResources(), condition(SYS.gm, 'D68.33', 'Hämorrhagische Diathese durch Cumarine')], {
      ruleSetId: 'lcd-pva',
    });
    expect(criterion(a, 'rc.coagulation-correctable')?.status).toBe('met');
  });

  it('D68.312 (antiphospholipid antibody with haemorrhagic disorder) asks whether it can be corrected', () => {
    const a = run([
      ...baseResources(),
      condition(SYS.cm, 'D68.312', 'Antiphospholipid antibody with hemorrhagic disorder'),
    ]);
    expect(criterion(a, 'ci.coagulopathy-uncorrectable')?.status).toBe('unknown');
    expect(a.recommendation).toBe('insufficient-data');
  });

  it('absence of drug-induced bleeding is not proven when the diagnosis list was not read', () => {
    const a = assessed(record(baseResources(), { Condition: 'failed' }), { now: NOW });
    expect(criterion(a, 'rc.coagulation-correctable')?.status).toBe('unknown');
  });
});

describe('the pregnancy test: coded and written answers; unreadable is unknown, never "not pregnant"', () => {
  const woman = { ...PATIENT, birthDate: '1990-03-02' };
  const hcg = (extra: R, days = 3) => observation('2106-3', undefined, undefined, days, extra);
  const coded = (system: string, code: string) => hcg({ valueCodeableConcept: { coding: [{ system, code }] } });
  const pregnancy = (...tests: R[]) =>
    criterion(run([...baseResources(), ...tests], { patient: woman }), 'ci.pregnancy');

  it.each([
    ['Detected (SNOMED 260373001)', coded(SYS.sct, '260373001')],
    ['Reactive (SNOMED 11214006)', coded(SYS.sct, '11214006')],
    ['Detected (LOINC LA11882-0)', coded(SYS.loinc, 'LA11882-0')],
    ['Reactive (LOINC LA15255-5)', coded(SYS.loinc, 'LA15255-5')],
    ['"Reactive" as text', hcg({ valueString: 'Reactive' })],
    ['"hCG nachweisbar" as text', hcg({ valueString: 'hCG nachweisbar' })],
    [
      'interpretation POS',
      hcg({
        interpretation: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'POS' }] },
        ],
      }),
    ],
  ])('%s → met', (_name, test) => {
    expect(pregnancy(test)?.status).toBe('met');
  });

  it.each([
    ['Not detected (SNOMED 260415000)', coded(SYS.sct, '260415000')],
    ['Non-reactive (SNOMED 131194007)', coded(SYS.sct, '131194007')],
    ['Not detected (LOINC LA11883-8)', coded(SYS.loinc, 'LA11883-8')],
    ['"Not detected" as text', hcg({ valueString: 'Not detected' })],
    ['"non reactive" as text', hcg({ valueString: 'non reactive' })],
    [
      'interpretation ND',
      hcg({
        interpretation: [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'ND' }] },
        ],
      }),
    ],
  ])('%s → not-met, citing the test', (_name, test) => {
    expect(pregnancy(test)).toMatchObject({
      status: 'not-met',
      rationale: expect.stringContaining('Negative pregnancy test'),
    });
  });

  it.each([
    ['"equivocal"', hcg({ valueString: 'equivocal' })],
    ['an unknown code', coded(SYS.sct, '125154007')],
    [
      'a code saying positive and a text saying negative',
      hcg({ valueCodeableConcept: { coding: [{ system: SYS.sct, code: '10828004' }], text: 'negative' } }),
    ],
    ['no value at all', hcg({})],
  ])('%s → unknown with the question, not not-met', (_name, test) => {
    expect(pregnancy(test)).toMatchObject({
      status: 'unknown',
      rationale: expect.stringContaining('is the patient pregnant?'),
    });
  });

  it('a newer negative test settles an older unreadable one; a newer unreadable one does not', () => {
    expect(pregnancy(hcg({ valueString: 'negative' }, 1), hcg({ valueString: 'equivocal' }, 5))?.status).toBe(
      'not-met',
    );
    expect(pregnancy(hcg({ valueString: 'negative' }, 5), hcg({ valueString: 'equivocal' }, 1))?.status).toBe(
      'unknown',
    );
  });

  it('a positive test dated by month only counts if it may be within 14 days', () => {
    expect(pregnancy(hcg({ valueString: 'positive', effectiveDateTime: '2026-11' }))?.status).toBe('met');
  });
});

describe('pain scores: only the pain-scale units, a VAS in % or mm divided by 10', () => {
  it('reads VAS 80 % as NRS 8 and shows what was recorded', () => {
    expect(painScore({ valueQuantity: { value: 80, unit: '%', system: SYS.ucum, code: '%' } })).toMatchObject({
      ok: true,
      value: 8,
      display: { en: 'NRS 8 (recorded as 80 %)', de: 'NRS 8 (dokumentiert als 80 %)' },
    });
    const a = run([...without('72514-3'), pain(80, 2, '%')]);
    expect(criterion(a, 'ind.pain-severe')).toMatchObject({ status: 'met' });
    expect(criterion(a, 'ci.pain-controlled')?.status).toBe('not-met');
    expect(a.recommendation).toBe('eligible');
  });

  it.each(['{VAS}', '[in_i]', 'm', 'kg'])('sets a score in "%s" aside with the reason, never rescaled', (unit) => {
    const m = painScore({ valueQuantity: { value: 8, unit, system: SYS.ucum, code: unit } });
    expect(m).toEqual({
      ok: false,
      reason: {
        en: `unit "${unit}" is not a pain scale (none, {score}, mm, cm or %)`,
        de: `Einheit "${unit}" ist keine Schmerzskala (keine, {score}, mm, cm oder %)`,
      },
    });
    const a = run([...without('72514-3'), pain(8, 2, unit)]);
    expect(criterion(a, 'ind.pain-severe')?.status).toBe('unknown');
    expect(criterion(a, 'ind.pain-severe')?.excluded.some((e) => e.why.includes(`"${unit}"`))).toBe(true);
  });

  it('cites a converted lab in the unit compared, with the value as recorded', () => {
    const a = run([...baseResources(), observation('1988-5', 8, 'mg/dL', 2)]);
    expect(criterion(a, 'ci.infection-active')?.evidence[0]?.summary).toContain('80 mg/L (recorded as 8 mg/dL)');
  });
});

describe('partial dates: the end of the period that is safe for each rule', () => {
  it('parseDate keeps the first instant; latestPossible gives the last day, not after now', () => {
    const month = parseDate('2026-11');
    const year = parseDate('1966');
    expect(month?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(latestPossible(month!, NOW).toISOString()).toBe(NOW.toISOString());
    expect(latestPossible(parseDate('2026-02')!, NOW).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(latestPossible(year!, NOW).toISOString()).toBe('1966-12-31T00:00:00.000Z');
    const day = parseDate('2026-11-03');
    expect(latestPossible(day!, NOW)).toBe(day);
    expect([writtenDate(year), writtenDate(month), writtenDate(day)]).toEqual(['1966', '2026-11', '2026-11-03']);
  });

  const analgesicSince = (authoredOn: string, now = NOW) =>
    criterion(
      run(
        [
          ...baseResources().filter((r) => r.resourceType !== 'MedicationRequest'),
          medication(SYS.atc, 'N02AA05', 'Oxycodon', 0, { authoredOn }),
        ],
        { now },
      ),
      'ind.conservative-failed',
    );

  it('analgesics "since 2026-11" on 2026-11-25: 0 to 24 days, so 21 days are not proven (unknown, not met)', () => {
    expect(analgesicSince('2026-11')).toMatchObject({
      status: 'unknown',
      rationale: expect.stringContaining('since 2026-11 (no day recorded): between 0 and 24 days'),
    });
  });

  it('"since 2026-10" has surely lasted 25 days: met; "since 2026-11" on 2026-11-15 at most 14: not-met', () => {
    expect(analgesicSince('2026-10')?.status).toBe('met');
    expect(analgesicSince('2026-11', new Date('2026-11-15T00:00:00Z'))?.status).toBe('not-met');
  });

  it.each([
    ['1966', 'met', 'Age 59 or 60 (born 1966, no day recorded): may be under 60.'],
    ['1966-12', 'met', 'Age 59 (< 60).'],
    ['1966-11-20', 'not-met', 'Age 60 (≥ 60).'],
    ['1960', 'not-met', 'Age 65 (≥ 60).'],
  ])('born %s → rc.age-under-60 %s', (birthDate, status, rationale) => {
    expect(criterion(run(baseResources(), { patient: { ...PATIENT, birthDate } }), 'rc.age-under-60')).toMatchObject({
      status,
      rationale,
    });
  });

  it('a fracture with onset "2025" may be under 12 months old: not "healed" by its onset alone', () => {
    // no report on oedema, so only the onset could date the fracture
    const withOnset = (onsetDateTime: string) => [
      condition(SYS.cm, 'M80.08XA', 'Age-related osteoporosis with current pathological fracture, vertebra(e)', {
        onsetDateTime,
        bodySite: [{ coding: [{ system: SYS.sct, code: '66794005' }] }],
      }),
      ...baseResources().filter((r) => codeOf(r) !== 'M80.08XA' && r.resourceType !== 'DiagnosticReport'),
    ];
    expect(criterion(run(withOnset('2025')), 'ind.fracture-acute')?.status).toBe('unknown');
    expect(criterion(run(withOnset('2024')), 'ind.fracture-acute')?.status).toBe('not-met');
  });

  it('a raised CRP dated by month only may be within 7 days: the infection question is asked', () => {
    const a = run([...baseResources(), observation('1988-5', 80, 'mg/L', 0, { effectiveDateTime: '2026-11' })]);
    expect(criterion(a, 'ci.infection-active')?.status).toBe('unknown');
  });

  it('an INR of 2.5 dated "2026-10" may be within 30 days: caution; it does not count as a recent lab', () => {
    const a = run([...without('6301-6'), observation('6301-6', 2.5, '{INR}', 0, { effectiveDateTime: '2026-10' })]);
    expect(criterion(a, 'rc.coagulation-correctable')?.status).toBe('met');
    expect(criterion(a, 'req.coagulation-labs')?.status).toBe('not-met');
  });
});
