// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Assessment, Recommendation } from '../../src/clinical/assessment';
import type { PatientRecord } from '../../src/clinical/record';
import { Criteria } from '../../src/ui/components/Criteria';
import { PatientHeader } from '../../src/ui/components/PatientHeader';
import { RecordReads } from '../../src/ui/components/RecordReads';
import { Verdict } from '../../src/ui/components/Verdict';
import type { Lang } from '../../src/lang';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { assessments, HOSTILE_TEXT, makeRecord, patient } from './fixtures';

afterEach(cleanup);

function inLang(lang: Lang, ui: React.ReactNode) {
  return render(<I18nContext.Provider value={makeI18n(lang)}>{ui}</I18nContext.Provider>);
}

describe('Verdict', () => {
  const words: Record<Recommendation, [string, string]> = {
    eligible: ['Eligible', '✓'],
    'eligible-with-cautions': ['Eligible with cautions', '!'],
    'not-eligible': ['Not eligible', '✕'],
    'insufficient-data': ['More information needed', '?'],
  };
  for (const [recommendation, [word, icon]] of Object.entries(words) as [Recommendation, [string, string]][]) {
    it(`shows "${word}" in words and with an icon, not by colour alone`, () => {
      inLang('en', <Verdict assessment={assessments[recommendation]} notCurrent={false} />);
      const verdict = screen.getByTestId('verdict');
      const line = verdict.querySelector('.verdict-word');
      expect(line?.textContent).toBe(`${icon}${word}`);
      expect(verdict.textContent).toContain('Levels: L1');
      const eligible = recommendation === 'eligible' || recommendation === 'eligible-with-cautions';
      expect(screen.queryByTestId('expected-outcome') !== null).toBe(eligible);
    });
  }

  it('names the decisive criteria with their reasons, each opening on its evidence', async () => {
    const user = userEvent.setup();
    inLang('en', <Verdict assessment={assessments['not-eligible']} record={makeRecord()} notCurrent={false} />);
    const reasons = screen.getByRole('heading', { name: 'Decided by' }).parentElement!;
    const deciding = reasons.querySelector('details.decided') as HTMLDetailsElement;
    expect(deciding.querySelector('summary')?.textContent).toBe('Pain controlled by medication: NRS 3 on analgesics.');
    expect(deciding.open).toBe(false);
    await user.click(within(deciding).getByText('Pain controlled by medication'));
    expect(deciding.open).toBe(true);
    // this criterion cites no entry of the record: it says so where its evidence would be
    expect(deciding.textContent).toContain('No evidence in the record.');
  });

  it('a deciding criterion’s evidence names each entry with its date, code and resource', async () => {
    const user = userEvent.setup();
    inLang('en', <Verdict assessment={assessments.eligible} record={makeRecord()} notCurrent={false} />);
    const lesion = screen
      .getByTestId('verdict')
      .querySelector('[data-criterion="ind.painful-lesion"] details.decided')!;
    await user.click(within(lesion as HTMLElement).getByText('Painful vertebral fracture or lesion'));
    expect(lesion.textContent).toContain('Osteoporotic vertebral fracture L1');
    expect(lesion.textContent).toContain('ICD-10-CM M80.08XA');
  });

  it('lists what to order beside the cautions, and leaves the payer’s to-dos out when the clinical verdict says no', () => {
    const orderMri: Assessment = {
      ...assessments['insufficient-data'],
      missing: [
        ...assessments['insufficient-data'].missing,
        {
          criterion: 'req.imaging',
          need: 'a spine MRI with STIR',
          needText: { en: 'a spine MRI with STIR', de: 'ein MRT der Wirbelsäule mit STIR' },
          supply: 'order',
        },
      ],
    };
    const view = inLang('en', <Verdict assessment={orderMri} notCurrent={false} />);
    expect(screen.getByTestId('verdict-cautions').textContent).toContain('To order: a spine MRI with STIR');
    view.unmount();
    inLang('en', <Verdict assessment={orderMri} notCurrent={false} hideToDo />);
    expect(screen.queryByTestId('verdict-cautions')).toBeNull();
    expect(screen.getByText(/Its to-dos are not shown: the clinical recommendation is “not eligible”/)).toBeTruthy();
  });

  it('lists the cautions with what to do', () => {
    inLang('en', <Verdict assessment={assessments['eligible-with-cautions']} notCurrent={false} />);
    expect(screen.getByTestId('verdict-cautions').textContent).toContain(
      'Anticoagulation or abnormal coagulation: Hold apixaban 48 h before (SIR 2019).',
    );
  });

  it('gives the expected benefit beside an eligible verdict: both kinds of evidence side by side, unfolded, each cited (issue #15, finding 3)', () => {
    inLang('en', <Verdict assessment={assessments.eligible} notCurrent={false} />);
    const outcome = screen.getByTestId('expected-outcome');
    expect(outcome.textContent).toContain('not a promise');
    expect(outcome.querySelector('.outcome-summary')?.textContent).toBe(
      'Case series and open-label trials show benefit; sham-controlled trials in fractures up to a year old did not; benefit is most consistent in acute painful fractures with oedema on MRI.',
    );
    expect(outcome.querySelector('details')).toBeNull();
    const [open, sham] = [...outcome.querySelectorAll('.outcome-kinds > section')];
    expect(open?.querySelector('h4')?.textContent).toBe('Case series and open-label trials');
    expect(open?.textContent).toContain('86-92 %');
    expect(open?.textContent).toContain('−6.1 VAS');
    expect(open?.textContent).toContain('Klazen CA, et al. Lancet 2010');
    expect(sham?.querySelector('h4')?.textContent).toBe('Sham-controlled trials');
    for (const source of [
      'Buchbinder R, et al. N Engl J Med 2009',
      'Kallmes DF',
      'Firanescu CE',
      'Clark W, et al. Lancet 2016',
    ])
      expect(sham?.textContent).toContain(source);
    for (const item of outcome.querySelectorAll('li')) expect(item.querySelector('cite')?.textContent).toBeTruthy();
  });

  it('says when the verdict is not current', () => {
    inLang('en', <Verdict assessment={assessments.eligible} notCurrent />);
    const live = screen.getByTestId('verdict').querySelector('[aria-live="polite"]');
    expect(live?.querySelector('.verdict-stale')?.textContent).toMatch(/^Not current/);
  });

  it('shows an override with the computed recommendation and the reason', () => {
    const overridden: Assessment = {
      ...assessments['insufficient-data'],
      recommendation: 'eligible',
      override: { recommendation: 'eligible', reason: 'Posterior wall intact on CT today', at: '2026-11-20T09:10:00Z' },
    };
    inLang('en', <Verdict assessment={overridden} notCurrent={false} />);
    const note = screen.getByTestId('override-note');
    expect(note.textContent).toContain('The rule set computed: More information needed.');
    expect(note.textContent).toContain('Posterior wall intact on CT today');
  });

  it('speaks German', () => {
    inLang('de', <Verdict assessment={assessments['eligible-with-cautions']} notCurrent={false} />);
    expect(screen.getByTestId('verdict').querySelector('.verdict-word')?.textContent).toBe('!Geeignet mit Vorbehalten');
    expect(screen.getByText('Höhen:')).toBeTruthy();
    expect(screen.getByTestId('expected-outcome').textContent).toContain('−6,1 VAS-Punkte');
  });
});

describe('Criteria', () => {
  function renderCriteria(
    assessment = assessments['insufficient-data'],
    record: PatientRecord = makeRecord(),
    lang: Lang = 'en',
  ) {
    return inLang(lang, <Criteria assessment={assessment} record={record} />);
  }

  it('groups every criterion as in the guideline, each with status in words', () => {
    renderCriteria();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual([
      'Indications',
      'Absolute contraindications',
      'Relative contraindications',
      'Pre-procedure requirements',
    ]);
    const wall = document.getElementById('criterion-req.posterior-wall-assessed')!;
    expect(within(wall).getByText('Unknown')).toBeTruthy();
    expect(wall.textContent).toContain('Not assessed in the record.');
    expect(wall.textContent).toContain('Source: Radiologe 2006;46:495-505');
    // a contraindication is absent or present, never a green "not met"
    const allergy = document.getElementById('criterion-ci.cement-allergy')!;
    expect(allergy.getAttribute('data-status')).toBe('not-met');
    expect(allergy.querySelector('.mark')?.textContent).toBe('✓Absent');
  });

  it('opens the evidence and then the resource behind it, and closes them again', async () => {
    const user = userEvent.setup();
    renderCriteria();
    const lesion = document.getElementById('criterion-ind.painful-lesion')!;
    const evidence = lesion.querySelector('details.evidence') as HTMLDetailsElement;
    expect(evidence.open).toBe(false);
    await user.click(within(lesion).getByText('Evidence (1)'));
    expect(evidence.open).toBe(true);
    expect(within(evidence).getByText('Osteoporotic vertebral fracture L1')).toBeTruthy();
    expect(within(evidence).getByText('ICD-10-CM M80.08XA')).toBeTruthy();
    expect(within(evidence).getByText('15 Oct 2026')).toBeTruthy();

    const resource = evidence.querySelector('details.resource') as HTMLDetailsElement;
    await user.click(within(evidence).getByText(/^Details/));
    expect(resource.open).toBe(true);
    const fields = resource.querySelector('dl')!;
    expect(fields.textContent).toContain('Condition/vcf-l1');
    expect(fields.textContent).toContain('onsetDateTime2026-10-15');
    expect(fields.textContent).toContain('L1 vertebra (SNOMED CT 66794005)');
    await user.click(within(lesion).getByText('Evidence (1)'));
    expect(evidence.open).toBe(false);
  });

  it('shows excluded evidence only on demand, with why', async () => {
    const user = userEvent.setup();
    renderCriteria();
    const infection = document.getElementById('criterion-ci.infection-active')!;
    const excluded = infection.querySelector('details.excluded') as HTMLDetailsElement;
    expect(excluded.open).toBe(false);
    await user.click(within(infection).getByText('Excluded evidence (1)'));
    expect(excluded.open).toBe(true);
    expect(excluded.textContent).toContain('Osteomyelitis of vertebra');
    expect(excluded.textContent).toContain('Why excluded: entered-in-error');
  });

  it('marks a status that came from the surgeon, with the time', () => {
    renderCriteria(assessments.eligible);
    const wall = document.getElementById('criterion-req.posterior-wall-assessed')!;
    expect(wall.querySelector('.surgeon-tag')?.textContent).toMatch(/^Answered by the surgeon, 20 Nov 2026/);
  });

  it('renders FHIR text with <script> and <img onerror> as literal text', async () => {
    const user = userEvent.setup();
    renderCriteria();
    const allergy = document.getElementById('criterion-ci.cement-allergy')!;
    await user.click(within(allergy).getByText('Excluded evidence (1)'));
    await user.click(within(allergy).getByText(/^Details/));
    expect(allergy.querySelector('script')).toBeNull();
    expect(allergy.querySelector('img')).toBeNull();
    expect(document.querySelectorAll('script, img')).toHaveLength(0);
    expect(within(allergy).getAllByText(HOSTILE_TEXT)).toHaveLength(3);
    expect(allergy.querySelector('dl')?.textContent).toContain(`note${HOSTILE_TEXT}`);
  });

  it('says when the evidence resource is not in the record that was read', async () => {
    const user = userEvent.setup();
    const record = makeRecord();
    record.resources.Condition = [];
    renderCriteria(assessments['insufficient-data'], record);
    const lesion = document.getElementById('criterion-ind.painful-lesion')!;
    await user.click(within(lesion).getByText('Evidence (1)'));
    await user.click(within(lesion).getByText(/^Details/));
    expect(lesion.textContent).toContain('The resource is not in the record that was read.');
  });

  it('speaks German, with the rule set’s own German texts', () => {
    renderCriteria(assessments['insufficient-data'], makeRecord(), 'de');
    expect(screen.getByRole('heading', { name: 'Absolute Kontraindikationen' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Hinterkante beurteilt' })).toBeTruthy();
    expect(screen.getAllByText('Unbekannt').length).toBeGreaterThan(0);
    expect(screen.getByText('Belege (1)', { selector: '#criterion-ind\\.painful-lesion summary' })).toBeTruthy();
  });
});

describe('Record reads', () => {
  it('collapses when every type was read fully', () => {
    inLang(
      'en',
      <RecordReads reads={makeRecord().reads} patientRead retrying={new Set()} onRetry={() => {}} retryErrors={{}} />,
    );
    expect(screen.getByText('Every resource type was read fully.').tagName).toBe('SUMMARY');
  });

  it('never calls the record complete when the Patient could not be read', () => {
    inLang(
      'en',
      <RecordReads
        reads={makeRecord().reads}
        patientRead={false}
        retrying={new Set()}
        onRetry={() => {}}
        retryErrors={{}}
      />,
    );
    expect(screen.queryByText('Every resource type was read fully.')).toBeNull();
    expect(document.querySelector('[data-type="Patient"]')?.textContent).toContain('could not be read');
  });

  it('shows partly read, not permitted and failed types, with a retry only where it can help', () => {
    const reads = makeRecord({
      Observation: { state: 'partial', count: 1000, reason: 'The paging cap of 1000 entries was reached.' },
      AllergyIntolerance: { state: 'not-permitted', count: 0, reason: 'The granted scope does not include allergies.' },
      ImagingStudy: { state: 'failed', count: 0, reason: 'The EHR had an internal error.' },
    }).reads;
    inLang('en', <RecordReads reads={reads} patientRead retrying={new Set()} onRetry={() => {}} retryErrors={{}} />);
    const row = (type: string) => document.querySelector(`[data-type="${type}"]`) as HTMLElement;
    expect(row('Observation').textContent).toContain('partly read');
    expect(row('AllergyIntolerance').textContent).toContain('not permitted');
    expect(row('AllergyIntolerance').textContent).toContain('The granted scope does not include allergies.');
    expect(within(row('AllergyIntolerance')).queryByRole('button')).toBeNull();
    expect(within(row('ImagingStudy')).getByRole('button', { name: 'Retry Imaging studies' })).toBeTruthy();
    expect(within(row('Observation')).getByRole('button', { name: 'Retry Observations' })).toBeTruthy();
  });
});

describe('Record reads in German', () => {
  it('formats counts in the locale', () => {
    const reads = makeRecord({ Observation: { state: 'partial', count: 10000, reason: 'Paging cap.' } }).reads;
    inLang('de', <RecordReads reads={reads} patientRead retrying={new Set()} onRetry={() => {}} retryErrors={{}} />);
    const row = document.querySelector('[data-type="Observation"]') as HTMLElement;
    expect(row.textContent).toContain('teilweise gelesen');
    expect(row.textContent).toContain('10.000 Einträge');
    expect(within(row).getByRole('button', { name: 'Erneut lesen Befunde und Messwerte' })).toBeTruthy();
  });
});

describe('Patient header', () => {
  const now = new Date('2026-11-20T09:00:00Z');
  it('is a slim line with name, age and sex inside an EHR banner', () => {
    inLang('en', <PatientHeader patient={patient} fullBanner={false} unreadable={false} now={now} />);
    expect(screen.getByTestId('patient-name').textContent).toBe('Erna Huber');
    expect(screen.getByTestId('patient-line').textContent).toBe('Erna Huber78 y, female');
    expect(screen.queryByText('MRN-0001')).toBeNull();
  });

  it('is a full banner when the launch asks for one', () => {
    const encounter: fhir4.Encounter = {
      resourceType: 'Encounter',
      status: 'in-progress',
      class: { code: 'IMP', display: 'inpatient encounter' },
      period: { start: '2026-11-17' },
    };
    inLang('de', <PatientHeader patient={patient} encounter={encounter} fullBanner unreadable={false} now={now} />);
    const banner = screen.getByRole('region', { name: 'Patientenkopf' });
    expect(banner.textContent).toContain('14.03.1948 (78 J.)');
    expect(banner.textContent).toContain('weiblich');
    expect(banner.textContent).toContain('MRN-0001');
    // the class in German words, not the record's English display
    expect(banner.textContent).toContain('stationär, 17.11.2026');
    expect(banner.textContent).not.toContain('inpatient');
  });

  it('names the encounter class in the screen’s words, and one it does not know as the record does', () => {
    const encounter = (code: string, system: string): fhir4.Encounter => ({
      resourceType: 'Encounter',
      status: 'in-progress',
      class: { system, code, display: `display of ${code}` },
    });
    const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
    inLang(
      'en',
      <PatientHeader
        patient={patient}
        encounter={encounter('AMB', actCode)}
        fullBanner={false}
        unreadable={false}
        now={now}
      />,
    );
    expect(screen.getByTestId('patient-line').textContent).toContain('Encounter: outpatient');
    cleanup();
    inLang(
      'de',
      <PatientHeader
        patient={patient}
        encounter={encounter('AMB', 'urn:local')}
        fullBanner={false}
        unreadable={false}
        now={now}
      />,
    );
    expect(screen.getByTestId('patient-line').textContent).toContain('Fall: display of AMB');
    cleanup();
    inLang(
      'de',
      <PatientHeader
        patient={patient}
        encounter={encounter('XYZ', actCode)}
        fullBanner={false}
        unreadable={false}
        now={now}
      />,
    );
    expect(screen.getByTestId('patient-line').textContent).toContain('Fall: display of XYZ');
  });

  it('says the patient could not be read rather than showing no name', () => {
    inLang('en', <PatientHeader patient={undefined} fullBanner={false} unreadable now={now} />);
    expect(screen.getByTestId('patient-name').textContent).toBe(
      'Patient details could not be read: check the patient in the EHR',
    );
  });
});
