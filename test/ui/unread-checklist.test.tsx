// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { demoPatients } from '../../mocks/patients';
import { assess, recordFromBundle } from '../../src/clinical';
import type { PatientRecord } from '../../src/clinical/record';
import { noteText } from '../../src/report';
import { DocumentationChecklist } from '../../src/ui/components/Documentation';
import type { Lang } from '../../src/lang';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { noteContext } from '../report/fixtures';

/** Issue #15, finding 2: the payer checklist says "not read" for what may be in an unread list. */
afterEach(cleanup);

const NOW = new Date('2026-11-25T10:00:00Z');
const scenario1 = demoPatients(NOW).find((p) => p.scenario === 1);
if (!scenario1) throw new Error('no scenario 1');
const read = recordFromBundle(scenario1.bundle);
const observationsFailed: PatientRecord = {
  ...read,
  resources: { ...read.resources, Observation: [] },
  reads: { ...read.reads, Observation: { state: 'failed', count: 0, reason: 'The EHR had an internal error.' } },
};
const coverage = assess(observationsFailed, { now: NOW, ruleSetId: 'lcd-pva' });

function inLang(lang: Lang, ui: React.ReactNode) {
  return render(<I18nContext.Provider value={makeI18n(lang)}>{ui}</I18nContext.Provider>);
}

describe('the payer checklist with the Observation search failed', () => {
  it('marks pain scores "Not read", not "Missing"', () => {
    inLang('en', <DocumentationChecklist items={coverage.documentation ?? []} />);
    const pain = document.querySelector('[data-item="pain-scores"]');
    expect(pain?.getAttribute('data-status')).toBe('not-read');
    expect(pain?.textContent).toContain('Not read');
    expect(pain?.textContent).not.toContain('Missing');
  });

  it('in German: "Nicht gelesen"', () => {
    inLang('de', <DocumentationChecklist items={coverage.documentation ?? []} />);
    expect(document.querySelector('[data-item="pain-scores"]')?.textContent).toContain('Nicht gelesen');
  });

  it('the note says what is unknown, and orders nothing that was not read', () => {
    const guideline = assess(observationsFailed, { now: NOW });
    const text = noteText(guideline, noteContext({ coverages: [coverage], answers: {} }));
    expect(text).toContain('Observations (scores, labs) could not be read: pain score unknown.');
    expect(text).not.toMatch(/Order INR|No pain score in the last/);
  });
});
