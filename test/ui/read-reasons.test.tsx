// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordReads } from '../../src/ui/components/RecordReads';
import type { Lang } from '../../src/lang';
import { I18nContext, makeI18n } from '../../src/ui/i18n';
import { makeRecord } from './fixtures';

afterEach(cleanup);

const reasonText = {
  en: 'Condition records could not be read: The EHR sent an answer the app cannot read.',
  de: 'Diagnoseliste: Die Einträge konnten nicht gelesen werden. Das KIS hat eine Antwort geschickt, die die App nicht lesen kann.',
};

function reasonShown(lang: Lang, read: Parameters<typeof makeRecord>[0]): string | null | undefined {
  render(
    <I18nContext.Provider value={makeI18n(lang)}>
      <RecordReads
        reads={makeRecord(read).reads}
        patientRead
        retrying={new Set()}
        onRetry={() => {}}
        retryErrors={{}}
      />
    </I18nContext.Provider>,
  );
  return document.querySelector('[data-type="Condition"] .read-reason')?.textContent;
}

describe('"What was read" says why in the UI language', () => {
  it('shows the German reason in the German UI', () => {
    expect(reasonShown('de', { Condition: { state: 'failed', count: 0, reason: reasonText.en, reasonText } })).toBe(
      reasonText.de,
    );
  });

  it('shows the English reason in the English UI', () => {
    expect(reasonShown('en', { Condition: { state: 'failed', count: 0, reason: reasonText.en, reasonText } })).toBe(
      reasonText.en,
    );
  });

  it('falls back to the English reason when a read has no German text', () => {
    expect(
      reasonShown('de', { Condition: { state: 'failed', count: 0, reason: 'The EHR had an internal error.' } }),
    ).toBe('The EHR had an internal error.');
  });
});
