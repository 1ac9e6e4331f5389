// @vitest-environment jsdom
/**
 * The pseudo-locale: every catalogue's English (the screen, the signing panel, the note, the record's list
 * names, the launch error page) rewritten in place by a visible transformation ("Sign" → "⟦Šíǧñ⟧"), then
 * the screens and the note rendered in 'en'. No English sentence of a catalogue may appear untransformed:
 * a text that bypasses its catalogue (a literal in a component) would. Nothing of this ships; the
 * catalogues are changed for this file only (each test file has its own modules).
 *
 * Not covered: the rule sets' and the engine's own texts (`Localized` built in src/clinical, src/fhir), which
 * reach the screen as data and are shown in English here; their German is checked by the compiler
 * (Localized = Record<Lang, string>).
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import * as engine from '../../src/clinical';
import { buildNote } from '../../src/report';
import { LIST_NAMES } from '../../src/report/list-names';
import { NOTE_STRINGS } from '../../src/report/strings';
import type { LaunchProblemKind } from '../../src/smart/launchErrors';
import { en } from '../../src/ui/i18n/en';
import { CODE_LABEL, EXPLANATIONS, NEW_WINDOW } from '../../src/ui/launch-error-strings';
import { LaunchErrorPage } from '../../src/ui/LaunchErrorPage';
import { SIGN_STRINGS } from '../../src/ui/sign/strings';
import { Workspace } from '../../src/ui/Workspace';
import { noteContext, scenario1Eligible, scenario7Cautions } from '../report/fixtures';
import { fakeServices, type FakeServices } from '../ui/fakeServices';
import { makeSession } from '../ui/fixtures';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'aeiouycnsgzAEIOUYCNSGZ'].map((c, i) => [c, [...'áéíóúýčñšǧžÁÉÍÓÚÝČÑŠǦŽ'][i]!]),
);
const pseudo = (text: string) => `⟦${text.replace(/[a-zA-Z]/g, (c) => ACCENTED[c] ?? c)}⟧`;

/** entries that are not text a person reads (the note's date format) */
const NOT_TEXT = new Set(['locale']);

const sentences = new Set<string>();
const done = new WeakSet<object>();

/** rewrites every text of `catalogue` in place, and collects the English it had */
function pseudoLocalise(catalogue: Record<string, unknown>) {
  if (done.has(catalogue)) return;
  done.add(catalogue);
  for (const [key, value] of Object.entries(catalogue)) {
    if (NOT_TEXT.has(key)) continue;
    if (typeof value === 'string') {
      if (/[a-z]{2,} [a-z]/i.test(value)) sentences.add(value);
      catalogue[key] = pseudo(value);
    } else if (typeof value === 'function') {
      const original = value as (...args: unknown[]) => unknown;
      catalogue[key] = (...args: unknown[]) => {
        const result = original(...args);
        return typeof result === 'string' ? pseudo(result) : result;
      };
    } else if (value && typeof value === 'object') pseudoLocalise(value as Record<string, unknown>);
  }
}

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

beforeAll(() => {
  for (const catalogue of [en, SIGN_STRINGS.en, NOTE_STRINGS.en, LIST_NAMES.en, EXPLANATIONS.en, NEW_WINDOW.en])
    pseudoLocalise(catalogue as unknown as Record<string, unknown>);
  pseudoLocalise(CODE_LABEL as unknown as Record<string, unknown>);
});
afterEach(cleanup);

describe('the pseudo-locale: no English of a catalogue reaches the screen or the note untransformed', () => {
  it('the catalogues hold English sentences, and the transformation changed them all', () => {
    expect(sentences.size).toBeGreaterThan(100);
    expect(en.readingRecord).toBe(pseudo('Reading the record'));
  });

  const now = new Date();
  const patients = demoPatients(now);
  it.each([1, 4, 7, 11])('scenario %i: the workspace, its signing panel and the note preview', async (n) => {
    const patient = patients.find((p) => p.scenario === n)!;
    const services = { ...fakeServices(), loadEngine: async () => engine } as FakeServices;
    render(<Workspace session={makeSession({ patientId: patient.id, locale: 'en-US' })} services={services} />);
    await waitFor(() => expect(services.reads).toHaveLength(1));
    await act(async () => services.reads[0]!.resolve(engine.recordFromBundle(patient.bundle)));
    await screen.findByTestId('verdict');
    await waitFor(() => expect(screen.getByTestId('note-preview').textContent).toContain('⟦'));
    const { text, pieces } = shown(document.body);
    expect(text).toContain('⟦');
    expect(fallbacks(text, pieces)).toEqual([]);
  });

  it('the note, as saved to the chart', () => {
    for (const assessment of [scenario1Eligible(), scenario7Cautions()]) {
      const { text } = buildNote(assessment, noteContext({ lang: 'en' }), { window });
      expect(text).toContain(pseudo('Patient'));
      expect(fallbacks(text, text.split('\n'))).toEqual([]);
    }
  });

  it.each(Object.keys(EXPLANATIONS.en) as LaunchProblemKind[])('the launch error page: %s', (kind) => {
    render(<LaunchErrorPage problem={{ kind, newWindowUrl: 'https://app.example/launch' }} language="en" />);
    const { text, pieces } = shown(document.body);
    expect(text).toContain('⟦');
    expect(fallbacks(text, pieces)).toEqual([]);
  });
});
