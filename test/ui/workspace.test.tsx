// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LaunchSession } from '../../src/smart/session';
import { Workspace } from '../../src/ui/Workspace';
import { buildNote } from '../../src/report';
import { fakeEngine, fakeServices, type FakeServices } from './fakeServices';
import { makeRecord, makeSession } from './fixtures';

let services: FakeServices;

beforeEach(() => {
  sessionStorage.clear();
  services = fakeServices();
});
afterEach(cleanup);

function show(session: LaunchSession = makeSession()) {
  return render(<Workspace session={session} services={services} />);
}

async function loaded(record = makeRecord(), session?: LaunchSession) {
  const view = show(session);
  await waitFor(() => expect(services.reads).toHaveLength(1));
  await act(async () => services.reads[0]!.resolve(record));
  await screen.findByTestId('verdict');
  return view;
}

const verdictWord = () => screen.getByTestId('verdict').querySelector('.verdict-word')?.textContent;

describe('the surgeon’s view', () => {
  it('names the patient and shows per-type progress while the record loads', async () => {
    show();
    expect(await screen.findByText('Erna Huber')).toBeTruthy();
    await waitFor(() => expect(services.calls).toHaveLength(1));
    const { onProgress } = services.calls[0]!;
    act(() => {
      onProgress!({ type: 'Condition', state: 'full', count: 2 });
      onProgress!({ type: 'Observation', state: 'partial', count: 1000 });
    });
    const progress = screen.getByTestId('progress');
    expect(within(progress).getByRole('heading').textContent).toBe('Reading the record');
    const row = (type: string) => progress.querySelector(`[data-type="${type}"]`)?.textContent;
    expect(row('Condition')).toBe('Conditionsread fully · 2 entries');
    expect(row('Observation')).toBe('Observationspartly read · 1,000 entries');
    expect(row('ImagingStudy')).toBe('Imaging studiesreading…');
    expect(row('Patient')).toBe('Patientread fully · 1 entry');
    expect(screen.queryByTestId('verdict')).toBeNull();
    // planned from the site's rule sets before the engine has run (the build checks them against the engine)
    expect(services.calls[0]).toMatchObject({ patientId: 'pvp-01', ruleSetIds: ['pvp-guideline', 'lcd-pva'] });
  });

  it('shows the recommendation once the record is read', async () => {
    await loaded();
    expect(verdictWord()).toBe('?More information needed');
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(screen.getByRole('banner').textContent).toContain('Erna Huber');
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('re-assesses at once when a question is answered, without reading the record again', async () => {
    const user = userEvent.setup();
    await loaded();
    const question = document.getElementById('question-req.posterior-wall-assessed')!;
    await user.click(within(question).getByLabelText('Intact'));
    expect(verdictWord()).toBe('✓Eligible');
    expect(screen.getByTestId('expected-outcome')).toBeTruthy();
    const criterion = document.getElementById('criterion-req.posterior-wall-assessed')!;
    expect(criterion.querySelector('.surgeon-tag')?.textContent).toMatch(/^Answered by the surgeon, /);
    expect(services.calls).toHaveLength(1);

    await user.click(
      within(question).getByRole('button', {
        name: 'Clear answer: Is the posterior wall of the vertebral body intact on MRI/CT?',
      }),
    );
    expect(verdictWord()).toBe('?More information needed');
    expect(services.calls).toHaveLength(1);
  });

  it('announces the verdict in a live region', async () => {
    await loaded();
    const live = screen.getByTestId('verdict').querySelector('[aria-live="polite"]');
    expect(live?.textContent).toContain('More information needed');
  });

  it('allows an override only with a reason', async () => {
    const user = userEvent.setup();
    await loaded();
    const panel = screen.getByTestId('override');
    const apply = within(panel).getByRole('button', { name: 'Override' }) as HTMLButtonElement;
    await user.selectOptions(within(panel).getByLabelText('Recommendation'), 'eligible');
    expect(apply.disabled).toBe(true);
    await user.type(within(panel).getByLabelText('Reason (required)'), '   ');
    expect(apply.disabled).toBe(true);
    await user.type(within(panel).getByLabelText('Reason (required)'), 'Posterior wall intact on today’s CT');
    expect(apply.disabled).toBe(false);
    await user.click(apply);
    expect(verdictWord()).toBe('✓Eligible');
    expect(screen.getByTestId('override-note').textContent).toContain(
      'The rule set computed: More information needed.',
    );
    await user.click(within(screen.getByTestId('override')).getByRole('button', { name: 'Remove override' }));
    expect(verdictWord()).toBe('?More information needed');
  });

  it('keeps answers and override across a remount, for this patient only', async () => {
    const user = userEvent.setup();
    const first = await loaded();
    await user.click(within(document.getElementById('question-req.posterior-wall-assessed')!).getByLabelText('Intact'));
    const panel = screen.getByTestId('override');
    await user.selectOptions(within(panel).getByLabelText('Recommendation'), 'not-eligible');
    await user.type(within(panel).getByLabelText('Reason (required)'), 'Patient declines');
    await user.click(within(panel).getByRole('button', { name: 'Override' }));
    first.unmount();

    services = fakeServices();
    const second = await loaded();
    expect(verdictWord()).toBe('✕Not eligible');
    expect(
      (
        within(document.getElementById('question-req.posterior-wall-assessed')!).getByLabelText(
          'Intact',
        ) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect(screen.getByTestId('override-note').textContent).toContain('Patient declines');
    second.unmount();

    services = fakeServices();
    await loaded(makeRecord(), makeSession({ patientId: 'someone-else' }));
    expect(verdictWord()).toBe('?More information needed');
    expect(
      (
        within(document.getElementById('question-req.posterior-wall-assessed')!).getByLabelText(
          'Intact',
        ) as HTMLInputElement
      ).checked,
    ).toBe(false);
    expect(screen.queryByTestId('override-note')).toBeNull();

    const stored = Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key) ?? '');
    expect(stored.join('')).not.toContain('Huber');
  });

  it('does not offer the answers of the same patient id on another server', async () => {
    const user = userEvent.setup();
    const first = await loaded();
    await user.click(within(document.getElementById('question-req.posterior-wall-assessed')!).getByLabelText('Intact'));
    first.unmount();
    services = fakeServices();
    await loaded(makeRecord(), makeSession({ serverUrl: 'https://other-ehr.example/fhir' }));
    expect(verdictWord()).toBe('?More information needed');
  });

  it('shows a type the scope does not permit, without a retry', async () => {
    await loaded(
      makeRecord({
        AllergyIntolerance: { state: 'not-permitted', count: 0, reason: 'The granted scope does not allow allergies.' },
      }),
    );
    const row = document.querySelector('#reads [data-type="AllergyIntolerance"]') as HTMLElement;
    expect(row.textContent).toContain('not permitted');
    expect(row.textContent).toContain('The granted scope does not allow allergies.');
    expect(within(row).queryByRole('button')).toBeNull();
    expect(screen.getByText(/Some of the record could not be read/)).toBeTruthy();
    expect(screen.getByTestId('verdict-unread').textContent).toBe(
      'Not read fully: Allergies (not permitted). What rests on these lists is unknown, not absent. See what was read',
    );
    expect(verdictWord()).toBe('?More information needed');
  });

  it('retries a failed type alone and merges it, marking the verdict not current meanwhile', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ ImagingStudy: { state: 'failed', count: 0, reason: 'The EHR had an internal error.' } }));
    const row = () => document.querySelector('#reads [data-type="ImagingStudy"]') as HTMLElement;
    expect(row().textContent).toContain('The EHR had an internal error.');
    await user.click(within(row()).getByRole('button', { name: 'Retry Imaging studies' }));
    expect(services.calls).toHaveLength(2);
    expect(services.calls[1]).toMatchObject({ only: ['ImagingStudy'] });
    expect(screen.getByTestId('verdict').textContent).toContain('Not current');
    expect(screen.getByTestId('criteria-section')).toBeTruthy();

    await act(async () => services.reads[1]!.resolve(makeRecord()));
    expect(services.merged).toEqual([['ImagingStudy']]);
    expect(row().textContent).toContain('read fully');
    expect(screen.getByTestId('verdict').textContent).not.toContain('Not current');
    expect(screen.getByText('Every resource type was read fully.')).toBeTruthy();
    expect(screen.queryByTestId('verdict-unread')).toBeNull();
  });

  it('offers Retry in the warning beside the verdict (issue #15, finding 2)', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord({ Observation: { state: 'failed', count: 0, reason: 'The EHR had an internal error.' } }));
    const warning = screen.getByTestId('verdict-unread');
    expect(warning.closest('[data-testid="verdict"]')).not.toBeNull();
    expect(warning.textContent).toContain('Observations (could not be read)');
    await user.click(within(warning).getByRole('button', { name: 'Retry: Observations' }));
    expect(services.calls).toHaveLength(2);
    expect(services.calls[1]).toMatchObject({ only: ['Observation'] });
    expect(within(screen.getByTestId('verdict-unread')).getByRole('button').textContent).toBe('Retrying… Observations');
  });

  it('offers no Retry beside the verdict for a type that is not permitted', async () => {
    await loaded(makeRecord({ AllergyIntolerance: { state: 'not-permitted', count: 0 } }));
    expect(within(screen.getByTestId('verdict-unread')).queryByRole('button')).toBeNull();
  });

  it('explains a load that failed as a whole and tries again', async () => {
    const user = userEvent.setup();
    show();
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.reject(new Error('network down')));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The record could not be read');
    expect(alert.textContent).toContain('Error: network down');
    expect(screen.getByTestId('patient-name').textContent).toBe('Erna Huber');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(services.reads).toHaveLength(2));
    await act(async () => services.reads[1]!.resolve(makeRecord()));
    expect(verdictWord()).toBe('?More information needed');
  });

  it('says so plainly when the engine fails on a record, concluding nothing', async () => {
    services.loadEngine = async () => ({
      ...(await fakeServices().loadEngine()),
      assess: () => {
        throw new Error('boom');
      },
    });
    show();
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.resolve(makeRecord()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The record could not be assessed');
    expect(alert.textContent).not.toContain('boom');
    expect(screen.queryByTestId('verdict')).toBeNull();
  });

  it('speaks German when the launch says so, and switches language', async () => {
    const user = userEvent.setup();
    await loaded(makeRecord(), makeSession({ locale: 'de-DE' }));
    expect(verdictWord()).toBe('?Weitere Angaben nötig');
    expect(screen.getByRole('heading', { name: 'Fragen an die Operateurin / den Operateur' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Hinterkante beurteilt' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
    await user.selectOptions(screen.getByLabelText('Sprache'), 'en');
    expect(verdictWord()).toBe('?More information needed');
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads the engine once, whatever the answers', async () => {
    const user = userEvent.setup();
    await loaded();
    const question = document.getElementById('question-req.posterior-wall-assessed')!;
    await user.click(within(question).getByLabelText('Intact'));
    await user.click(within(question).getByLabelText('Disrupted'));
    expect(services.engineLoads).toBe(1);
    expect(services.calls).toHaveLength(1);
  });

  describe('a relaunch continues from the app’s latest note', () => {
    /** the note a first launch signed: "Eligible" with the posterior wall assessed */
    function signedNote(): fhir4.DocumentReference {
      const answers = { 'req.posterior-wall-assessed': { status: 'met' as const, answeredAt: '2026-12-05T08:38:00Z' } };
      const assessment = fakeEngine.assess(makeRecord(), { now: new Date(), answers });
      const { documentReference } = buildNote(assessment, {
        assessmentId: '0e5d1f2a-3b4c-4d5e-8f60-718293a4b5c6',
        patient: { reference: 'Patient/pvp-01', display: 'Erna Huber' },
        author: { reference: 'Practitioner/dr-o', display: 'Dr. Daniel Okafor' },
        signedAt: '2026-12-05T08:40:00Z',
        answers,
        lang: 'en',
      });
      return { ...documentReference, id: 'note-1' };
    }

    it('shows who signed what when, that nothing has changed, and starts from its answers on request', async () => {
      const user = userEvent.setup();
      services.findLatestNote = async () => signedNote();
      await loaded();
      const earlier = await screen.findByTestId('earlier-note');
      expect(within(earlier).getByRole('heading').textContent).toMatch(
        /^Signed Dec 5, 2026, \d{1,2}:\d\d [AP]M by Dr\. Daniel Okafor: ✓Eligible$/,
      );
      expect(earlier.textContent).toContain('Nothing the criteria use has changed in the record since.');
      // the screen starts from the record; the note's answers are offered, not imposed
      expect(verdictWord()).toBe('?More information needed');
      expect(
        screen.getByText(/Signing writes a new note that replaces the note of Dec 5, 2026, .* \(Eligible\)\./),
      ).toBeTruthy();

      await user.click(within(earlier).getByRole('button', { name: 'Start from this note’s answers' }));
      expect(verdictWord()).toBe('✓Eligible');
      expect(earlier.textContent).toContain('The note’s answers are on screen.');
      expect(document.activeElement?.closest('[data-testid="earlier-note"]')).toBe(earlier);
      expect(screen.getByRole('button', { name: 'Sign amended note and save to chart' })).toBeTruthy();
    });

    it('says what the record says differently now', async () => {
      const note = signedNote();
      services.findLatestNote = async () => note;
      // today's record, read with the note's answers, no longer gives the evidence the note rested on
      const assess = fakeEngine.assess;
      services.loadEngine = async () => ({
        ...fakeEngine,
        assess: (record, options) => {
          const result = assess(record, options);
          return {
            ...result,
            criteria: result.criteria.map((c) =>
              c.id === 'ind.pain-severe' ? { ...c, status: 'unknown' as const, evidence: [] } : c,
            ),
          };
        },
      });
      await loaded();
      const earlier = await screen.findByTestId('earlier-note');
      expect(earlier.textContent).toContain('Changed in the record since:');
      expect(earlier.querySelector('[data-criterion="ind.pain-severe"]')?.textContent).toMatch(
        /^Severe pain \(was met, now not known\)/,
      );
    });

    it('none in the chart, or not allowed to look: no panel, and signing writes a first note', async () => {
      await loaded(
        makeRecord(),
        makeSession({ permissions: { read: (t) => t !== 'DocumentReference', write: () => true, granted: '' } }),
      );
      expect(screen.queryByTestId('earlier-note')).toBeNull();
      expect(screen.getByRole('button', { name: 'Sign and save to chart' })).toBeTruthy();
    });
  });
});
