/**
 * The pseudo-locale, run once a language by a test file of its own (English: pseudo-locale.test.tsx, German:
 * pseudo-locale-de.test.tsx): every catalogue's English (the screen, the signing panel, the note, the record's list
 * names and read states, the launch error page, the EHR's error sentences) rewritten in place by a visible
 * transformation ("Sign" → "⟦Šíǧñ⟧"), and so is the English of every `Localized` text that reaches the screen as data:
 * the rule sets' (criterion names, questions, options, citations, cautions) in place, the engine's sentences and the
 * reads' reasons as the engine and the fetch hand them over. Then every screen the surgeon can meet is rendered in
 * 'en': the workspaces of five scenarios (two set entries aside, each with why) with their signing panel and note
 * preview, the record being read, the record that could not be read (401, 403, 404, 429, 5xx, time-out, another
 * patient, anything else) or not assessed, the record read partly with a retry that fails, the session ended, a failed
 * write, a note saved and the relaunch that continues from it, every launch error page, and the note. No English
 * sentence of a catalogue or a `Localized` may appear untransformed: a text that takes the wrong language or bypasses
 * its catalogue would; on the small screens (progress, failures) no word outside a transformed text may appear at all.
 * Nothing of this ships; the catalogues and the rule sets are changed for the test file only (each test file has its
 * own modules).
 *
 * The German run transforms the German texts the same way and renders every screen in 'de': a component that shows
 * the English text where the German belongs shows it untransformed there. It fails on any English sentence of a
 * catalogue or a `Localized` that differs from its German, as it fails on German shown untransformed; an English text
 * that is the same in German (a code, a name, "NRS") is the German text too, and is left out by that rule.
 */
import { http } from 'msw';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import { CLINICAL_TYPE_NAMES, type PatientRecord } from '../../src/clinical/record';
import { ruleSet } from '../../src/clinical/rulesets';
import { createFetchTransport, fetchRecord, FhirError } from '../../src/fhir';
import { describeFhirError, FHIR_ERROR_STRINGS } from '../../src/fhir/describe';
import type { FhirTransport } from '../../src/fhir/transport';
import { LANGS, type Lang, type Localized } from '../../src/lang';
import { buildNote } from '../../src/report';
import { LIST_NAMES, READ_STATE_NAMES } from '../../src/report/list-names';
import { NOTE_STRINGS } from '../../src/report/strings';
import type { LaunchProblemKind } from '../../src/smart/launchErrors';
import { de } from '../../src/ui/i18n/de';
import { en, type Strings } from '../../src/ui/i18n/en';
import { CODE_LABEL, EXPLANATIONS, NEW_WINDOW } from '../../src/ui/launch-error-strings';
import { LaunchErrorPage } from '../../src/ui/LaunchErrorPage';
import type { Engine, Services } from '../../src/ui/services';
import { SIGN_STRINGS } from '../../src/ui/sign/strings';
import { Workspace } from '../../src/ui/Workspace';
import { BASE, operationOutcome, PATIENT, server, useStandin } from '../fhir/support/server';
import { createHapiStandin } from '../fhir/support/hapi-standin';
import { typicalRecord } from '../fhir/support/records';
import { FHIR_BASE, TOKEN, createWriteServer } from '../report/write-server';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { fakeServices, type FakeServices } from '../ui/fakeServices';
import { makeSession } from '../ui/fixtures';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'aeiouycnsgzAEIOUYCNSGZ'].map((c, i) => [c, [...'áéíóúýčñšǧžÁÉÍÓÚÝČÑŠǦŽ'][i]!]),
);
const pseudo = (text: string) => `⟦${text.replace(/[a-zA-Z]/g, (c) => ACCENTED[c] ?? c)}⟧`;

/** entries that are not text a person reads (the note's date format) */
const NOT_TEXT = new Set(['locale']);

const SCREEN: Record<Lang, Strings> = { en, de };

/** the language of the run: set by `pseudoLocaleSuite` before anything is transformed */
let lang: Lang = 'en';
const sentences = new Set<string>();
const done = new WeakSet<object>();
const isSentence = (text: unknown): text is string => typeof text === 'string' && /[a-z]{2,} [a-z]/i.test(text);

/**
 * collects a text of the run's language as it was, and its English where that differs: in the German run, English
 * shown where the German belongs is a fallback; English that is the same in German is the German text
 */
function collect(text: string, english: unknown) {
  if (isSentence(text)) sentences.add(text);
  if (lang !== 'en' && english !== text && isSentence(english)) sentences.add(english);
}

/** rewrites every text of `catalogue` (the run's language) in place, and collects what it had; `english` beside it */
function pseudoLocalise(catalogue: Record<string, unknown>, english?: Record<string, unknown>) {
  if (done.has(catalogue)) return;
  done.add(catalogue);
  for (const [key, value] of Object.entries(catalogue)) {
    if (NOT_TEXT.has(key)) continue;
    const inEnglish = english?.[key];
    if (typeof value === 'string') {
      collect(value, inEnglish);
      catalogue[key] = pseudo(value);
    } else if (typeof value === 'function') {
      const original = value as (...args: unknown[]) => unknown;
      catalogue[key] = (...args: unknown[]) => {
        const result = original(...args);
        return typeof result === 'string' ? pseudo(result) : result;
      };
    } else if (value && typeof value === 'object')
      pseudoLocalise(
        value as Record<string, unknown>,
        inEnglish && typeof inEnglish === 'object' ? (inEnglish as Record<string, unknown>) : undefined,
      );
  }
}

const isLocalized = (value: object): value is Localized => {
  const entries = Object.entries(value);
  return (
    entries.length === LANGS.length && entries.every(([k, v]) => LANGS.includes(k as never) && typeof v === 'string')
  );
};

/**
 * rewrites the run's language of every `Localized` ({ en, de }) in `value` in place, and collects what it had (and
 * its English): the rule sets' texts, the engine's sentences in an assessment, the reasons of a record's reads
 */
function pseudoData<T>(value: T): T {
  if (!value || typeof value !== 'object' || done.has(value)) return value;
  done.add(value);
  if (isLocalized(value)) {
    // a copy of a text already rewritten (the reads' reasons, as the engine hands them on) stays as it is
    if (wordsLeft(value[lang]).length === 0) return value;
    collect(value[lang], value.en);
    value[lang] = pseudo(value[lang]);
  } else for (const item of Object.values(value)) pseudoData(item);
  return value;
}

/** the engine, its answers in the pseudo-locale */
const pseudoEngine: Engine = {
  assess: (record, options) => pseudoData(engine.assess(record, options)),
  listRuleSets: () => pseudoData(engine.listRuleSets()),
};

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * English catalogue sentences shown untransformed: one of three words or more anywhere in `text` (as whole
 * words), a shorter one ("Not known") as a whole piece, since the engine's own English may contain it
 * ("Not known: the patient's date of birth").
 */
function fallbacks(text: string, pieces: string[]): string[] {
  const whole = new Set(pieces.map((piece) => piece.trim()));
  return [...sentences].filter((sentence) =>
    sentence.split(' ').length >= 3
      ? new RegExp(`(?<![\\p{L}])${escaped(sentence)}(?![\\p{L}])`, 'u').test(text)
      : whole.has(sentence),
  );
}

/** what a person reads or hears of the page: its text nodes and its labels */
function shown(root: HTMLElement): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.nodeValue ?? '');
  for (const el of root.querySelectorAll('*'))
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) pieces.push(el.getAttribute(name) ?? '');
  return { text: [root.textContent ?? '', ...pieces].join('\n'), pieces };
}

/** the words of `text` outside the transformed texts (⟦…⟧) and outside `data` (the server's own words) */
function wordsLeft(text: string, data: string[] = []): string[] {
  let rest = text;
  for (const piece of data) rest = rest.split(piece).join(' ');
  for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
  return rest.match(/\p{L}{2,}/gu) ?? [];
}

/** the English the screen shows in place of a catalogue's or a `Localized` text, or [] */
function untransformed(root: HTMLElement = document.body): string[] {
  const { text, pieces } = shown(root);
  expect(text).toContain('⟦');
  return fallbacks(text, pieces);
}

/** the launch's locale of each run */
const LOCALE: Record<Lang, string> = { en: 'en-US', de: 'de-DE' };

/** a Workspace of the pseudo-locale, its record read by `services` */
function showWorkspace(services: Services, session = makeSession({ locale: LOCALE[lang] })) {
  return render(<Workspace session={session} services={services} />);
}

/** every screen and the note in `runLang`, its catalogues and texts transformed (one test file a language) */
export function pseudoLocaleSuite(runLang: Lang) {
  lang = runLang;
  const t = SCREEN[lang];
  beforeAll(() => {
    const catalogues = [SCREEN, SIGN_STRINGS, NOTE_STRINGS, LIST_NAMES, READ_STATE_NAMES, EXPLANATIONS];
    for (const catalogue of [...catalogues, NEW_WINDOW, FHIR_ERROR_STRINGS] as Record<Lang, unknown>[])
      pseudoLocalise(catalogue[lang] as Record<string, unknown>, catalogue.en as Record<string, unknown>);
    pseudoData(CODE_LABEL);
    for (const { id } of engine.listRuleSets()) pseudoData(ruleSet(id));
    pseudoData(CLINICAL_TYPE_NAMES);
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    cleanup();
    server.resetHandlers();
    sessionStorage.clear();
  });
  afterAll(() => server.close());

  describe(`the pseudo-locale in ${lang}: no text untransformed or of another language on screen or in the note`, () => {
    it('the catalogues and the rule sets hold sentences, and the transformation changed them all', () => {
      expect(sentences.size).toBeGreaterThan(300);
      expect(t.readingRecord).toMatch(/^⟦.*⟧$/);
      expect(FHIR_ERROR_STRINGS[lang].sentences.timeout).toMatch(/^⟦.*⟧$/);
      const guideline = ruleSet('pvp-guideline')!;
      expect(guideline.info.title[lang]).toMatch(/^⟦/);
      for (const criterion of guideline.criteria) expect(criterion.title[lang]).toMatch(/^⟦.*⟧$/);
      expect(CLINICAL_TYPE_NAMES.Condition[lang]).toMatch(/^⟦/);
    });

    const now = new Date();
    const patients = demoPatients(now);
    // scenarios 1 and 10 set entries aside (a plain film, an old MRI, a report from before the fracture), each with why
    it.each([1, 4, 7, 10, 11])('scenario %i: the workspace, its signing panel and the note preview', async (n) => {
      const patient = patients.find((p) => p.scenario === n)!;
      const services: FakeServices = { ...fakeServices(), loadEngine: async () => pseudoEngine };
      showWorkspace(services, makeSession({ patientId: patient.id, locale: LOCALE[lang] }));
      await waitFor(() => expect(services.reads).toHaveLength(1));
      await act(async () => services.reads[0]!.resolve(engine.recordFromBundle(patient.bundle)));
      await screen.findByTestId('verdict');
      await waitFor(() => expect(screen.getByTestId('note-preview').textContent).toContain('⟦'));
      expect(untransformed()).toEqual([]);
    });

    it('while the record is read: the progress of each list and of the engine', async () => {
      let engineLoaded!: (engine: Engine) => void;
      const services: FakeServices = {
        ...fakeServices(),
        loadEngine: () => new Promise<Engine>((resolve) => (engineLoaded = resolve)),
      };
      showWorkspace(services);
      await waitFor(() => expect(screen.getByTestId('progress').textContent).toContain(t.loadingEngine));
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(screen.getByTestId('progress')).text)).toEqual([]);
      await act(async () => engineLoaded(pseudoEngine));
      await waitFor(() => expect(services.calls).toHaveLength(1));
      const { onProgress } = services.calls[0]!;
      act(() => {
        onProgress!({ type: 'Condition', state: 'full', count: 1 });
        onProgress!({ type: 'Observation', state: 'partial', count: 1000 });
        onProgress!({ type: 'ImagingStudy', state: 'not-permitted', count: 0 });
        onProgress!({ type: 'Procedure', state: 'failed', count: 0 });
        onProgress!({ type: 'AllergyIntolerance', state: 'not-requested', count: 0 });
      });
      const progress = screen.getByTestId('progress');
      expect(progress.querySelectorAll('[data-state="loading"]').length).toBeGreaterThan(0);
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(progress).text)).toEqual([]);
    });

    const failures: [string, unknown][] = [
      ['401', new FhirError('unauthorized', 'HTTP 401', { status: 401 })],
      ['403', new FhirError('forbidden', 'HTTP 403', { status: 403, serverMessage: 'HAPI-0333: access denied' })],
      ['404', new FhirError('not-found', 'HTTP 404', { status: 404 })],
      ['429', new FhirError('rate-limited', 'HTTP 429', { status: 429, retryAfterSeconds: 30 })],
      ['503', new FhirError('server', 'HTTP 503', { status: 503, serverMessage: 'Maintenance' })],
      ['a time-out', new FhirError('timeout', 'timed out')],
      ['another patient', new FhirError('wrong-patient', 'another patient')],
      ['anything else', new TypeError('x is undefined')],
    ];
    it.each(failures)('the record could not be read: %s', async (_, error) => {
      const services: FakeServices = { ...fakeServices(), describeFhirError, loadEngine: async () => pseudoEngine };
      showWorkspace(services);
      await waitFor(() => expect(services.reads).toHaveLength(1));
      await act(async () => services.reads[0]!.reject(error));
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toContain(describeFhirError(error, lang));
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(alert).text, ['HAPI-0333: access denied', 'Maintenance'])).toEqual([]);
    });

    it('the record could not be assessed', async () => {
      const failing: Engine = {
        ...pseudoEngine,
        assess: () => {
          throw new Error('boom');
        },
      };
      const services: FakeServices = { ...fakeServices(), loadEngine: async () => failing };
      showWorkspace(services);
      await waitFor(() => expect(services.reads).toHaveLength(1));
      await act(async () => services.reads[0]!.resolve(engine.recordFromBundle(patients[0]!.bundle)));
      const alert = await screen.findByRole('alert');
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(alert).text)).toEqual([]);
    });

    it.each(Object.keys(FHIR_ERROR_STRINGS[lang].sentences))("the EHR's error sentence: %s", (kind) => {
      const error =
        kind === 'unknown'
          ? new Error('x')
          : new FhirError(kind as FhirError['kind'], 'x', { serverMessage: 'HAPI-1: no', retryAfterSeconds: 5 });
      const sentence = describeFhirError(error, lang);
      expect(wordsLeft(sentence, ['HAPI-1: no'])).toEqual([]);
      expect(fallbacks(sentence, [sentence])).toEqual([]);
    });

    /** the app's services reading from a HAPI stand-in (msw), the record and the engine's answers pseudo-localised */
    function ehrServices(overrides: Partial<Services> = {}): Services {
      return {
        ...fakeServices(),
        createTransport: () => createFetchTransport(BASE, 'token', fetch, { sleep: async () => {} }),
        fetchRecord: async (transport, options) => pseudoData(await fetchRecord(transport, options)),
        describeFhirError,
        loadEngine: async () => pseudoEngine,
        ...overrides,
      };
    }
    const ehrSession = (read: (type: string) => boolean = () => true) =>
      makeSession({
        serverUrl: BASE,
        patientId: PATIENT,
        locale: LOCALE[lang],
        permissions: { read, write: () => true, granted: 'patient/*.rs patient/DocumentReference.c' },
      });

    it('the record read partly (a list failed, one cut short, one not permitted), and a retry that fails', async () => {
      const [observation] = typicalRecord(PATIENT, new Date()).filter((r) => r.resourceType === 'Observation');
      useStandin({
        fault: (_request, url) => {
          if (url.pathname.endsWith('/Condition')) return operationOutcome(500, 'HAPI-0389: database unavailable');
          if (url.searchParams.get('_getpages') === 'cut') return operationOutcome(503);
          if (!url.pathname.endsWith('/Observation')) return undefined;
          return new Response(
            JSON.stringify({
              resourceType: 'Bundle',
              type: 'searchset',
              link: [{ relation: 'next', url: `${BASE}?_getpages=cut&_getpagesoffset=1` }],
              entry: [
                { fullUrl: `${BASE}/Observation/${observation!.id}`, resource: observation, search: { mode: 'match' } },
              ],
            }),
            { headers: { 'content-type': 'application/fhir+json' } },
          );
        },
      });
      let reads: PatientRecord['reads'] | undefined;
      const services = ehrServices({
        fetchRecord: async (transport, options) => {
          if (options.only) throw new FhirError('rate-limited', 'HTTP 429', { status: 429, retryAfterSeconds: 20 });
          const record = pseudoData(await fetchRecord(transport, options));
          reads = record.reads;
          return record;
        },
      });
      showWorkspace(
        services,
        ehrSession((type) => type !== 'ImagingStudy'),
      );
      await screen.findByTestId('verdict');
      expect(reads).toMatchObject({
        Condition: { state: 'failed' },
        Observation: { state: 'partial' },
        ImagingStudy: { state: 'not-permitted' },
      });
      expect(untransformed()).toEqual([]);

      const row = document.querySelector('#reads [data-type="Condition"]') as HTMLElement;
      fireEvent.click(within(row).getByRole('button'));
      await waitFor(() => expect(row.textContent).toContain(FHIR_ERROR_STRINGS[lang].wait(20)));
      expect(untransformed()).toEqual([]);
    });

    it('the session ended (a 401 in the middle of the launch)', async () => {
      useStandin();
      let endSession!: () => void;
      const transport: FhirTransport = {
        ...createFetchTransport(BASE, 'token', fetch, { sleep: async () => {} }),
        onSessionEnded: (listener) => {
          endSession = listener;
          return () => {};
        },
      };
      showWorkspace(ehrServices({ createTransport: () => transport }), ehrSession());
      await screen.findByTestId('verdict');
      act(() => endSession());
      const alert = screen.getByTestId('session-ended');
      expect(alert.textContent).toBe(FHIR_ERROR_STRINGS[lang].sentences.unauthorized);
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(alert).text)).toEqual([]);
    });

    it('a write that failed: the draft kept, why, and the retry', async () => {
      useStandin({
        fault: (request, url) =>
          request.method === 'POST' && url.pathname.endsWith('/DocumentReference')
            ? operationOutcome(500, 'HAPI-0389: database unavailable')
            : undefined,
      });
      showWorkspace(ehrServices(), ehrSession());
      await screen.findByTestId('verdict');
      fireEvent.click(screen.getByRole('button', { name: SIGN_STRINGS[lang].sign }));
      const panel = document.querySelector<HTMLElement>('.sign-panel')!;
      const alert = await within(panel).findByRole('alert');
      expect(alert.textContent).toContain(FHIR_ERROR_STRINGS[lang].sentences.server);
      expect(untransformed()).toEqual([]);
      expect(wordsLeft(shown(alert).text)).toEqual([]);
    });

    it('a note saved to the chart, then a relaunch that continues from it', async () => {
      const ehr = createWriteServer();
      const standin = createHapiStandin({ baseUrl: FHIR_BASE, resources: typicalRecord(PATIENT, new Date()) });
      server.use(
        ...ehr.handlers,
        http.all(`${FHIR_BASE}*`, ({ request }) => standin.handle(request)),
      );
      const transport = createFetchTransport(FHIR_BASE, TOKEN, fetch, { sleep: async () => {} });
      const session = makeSession({
        serverUrl: FHIR_BASE,
        patientId: PATIENT,
        locale: LOCALE[lang],
        fhirUser: `${FHIR_BASE}/Practitioner/dr-a`,
      });
      const first = showWorkspace(ehrServices({ createTransport: () => transport }), session);
      await screen.findByTestId('verdict');
      fireEvent.click(screen.getByRole('button', { name: SIGN_STRINGS[lang].sign }));
      await screen.findByTestId('saved-document-id', {}, { timeout: 10_000 });
      expect(untransformed()).toEqual([]);
      first.unmount();
      sessionStorage.clear(); // a relaunch in another window

      const [saved] = ehr.documents();
      const relaunch = ehrServices({ createTransport: () => transport, findLatestNote: async () => saved });
      showWorkspace(relaunch, session);
      const earlier = await screen.findByTestId('earlier-note');
      expect(untransformed()).toEqual([]);
      expect(earlier.textContent).toContain(t.earlierNothingChanged);
    });

    it('the note, as saved to the chart', () => {
      for (const assessment of [scenario1Eligible(), scenario7Cautions()]) {
        const { text } = buildNote(pseudoData(assessment), noteContext({ lang }), { window });
        expect(text).toContain(NOTE_STRINGS[lang].patient);
        expect(fallbacks(text, text.split('\n'))).toEqual([]);
      }
    });

    it.each(Object.keys(EXPLANATIONS.en) as LaunchProblemKind[])('the launch error page: %s', (kind) => {
      render(<LaunchErrorPage problem={{ kind, newWindowUrl: 'https://app.example/launch' }} language={lang} />);
      expect(untransformed()).toEqual([]);
    });
  });
}
