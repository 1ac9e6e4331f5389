/**
 * The signing panel: "Sign and save to chart" with a preview of the note. The view only: what it
 * shows and offers is the flow's (signFlow.ts), what a press does is the hook's (useSignFlow.ts).
 *
 * Props (the UI shell renders `<SignPanel … />` below the assessment):
 * - `assessment`: the current Assessment, the surgeon's answers and override already applied;
 * - `coverages` (optional): the payers' coverage Assessments of the same record and answers; the
 *   note then states each verdict beside the guideline's;
 * - `session`: the launch (server, patient, encounter, fhirUser, permissions); a LaunchSession fits;
 * - `transport`: the launch's FhirTransport (createBrowserTransport(session.client));
 * - `answers`, `override`: the surgeon's input, recorded in the note as theirs;
 * - `lang`, `locale`: the UI language and date format; the note is written in them, dates in the
 *   surgeon's time zone;
 * - `patientName` (optional): the patient's name for the note's header;
 * - `signerName` (optional): the signing user's name (their fhirUser resource): the note is signed with it;
 * - `earlier` (optional): the app's latest note in the chart, found at launch: signing replaces it.
 */
import type { Assessment, Recommendation } from '../../clinical/assessment';
import { formatDate } from '../format';
import { makeI18n } from '../i18n';
import type { SavedNoteRecord } from './draftStore';
import type { SignStrings } from './strings';
import { SIGN_BUTTON_ID, STATUS_ID, useSignFlow, type SignFlowInput } from './useSignFlow';

export type { SignSession } from './signFlow';
export type SignPanelProps = SignFlowInput;

const CONFIRM_DISCARD_ID = 'sign-confirm-discard';

export function SignPanel(props: SignPanelProps) {
  const flow = useSignFlow(props);
  const { s, locale, state, view, preview } = flow;
  const { fromChart, replacing } = flow.replacement;
  const { message, confirmingDiscard } = state;

  const exportButtons = (
    <p className="sign-export">
      <button type="button" onClick={() => void flow.copy()}>
        {s.copy}
      </button>{' '}
      <button type="button" onClick={flow.download}>
        {s.download}
      </button>
      {state.copyResult && <span role="status"> {state.copyResult === 'copied' ? s.copied : s.copyFailed}</span>}
    </p>
  );

  const verdictWord = (r: Recommendation) => makeI18n(props.lang).t.recommendations[r];
  const verdictName = (a: Assessment) => verdictWord(a.recommendation);

  return (
    <section aria-labelledby="sign-heading" className="sign-panel">
      <h2 id="sign-heading">{s.heading}</h2>
      {!state.storageOk && <p role="alert">{s.storageUnavailable}</p>}
      {view.screen === 'readOnly' ? (
        <>
          <p role="note">{view.reason === 'patientLaunch' ? s.patientLaunch : s.noWritePermission}</p>
          {exportButtons}
        </>
      ) : view.screen === 'busy' ? (
        <p role="status" id={STATUS_ID} tabIndex={-1}>
          {view.phase === 'checking' ? s.checkingChart : s.saving}
        </p>
      ) : view.screen === 'pending' ? (
        <div role="alert" className="sign-failed">
          <h3 id={STATUS_ID} tabIndex={-1}>
            {view.failed ? s.failedHeading : s.pendingFromEarlier(formatDate(view.draft.signedAt, locale))}
          </h3>
          {message && <p>{message}</p>}
          {view.stale ? (
            <>
              <p>{s.draftStale(verdictName(view.draft.assessment), verdictName(props.assessment))}</p>
              <p>{s.draftStaleChoice}</p>
            </>
          ) : (
            <p>{s.draftKept}</p>
          )}
          {confirmingDiscard && <p id={CONFIRM_DISCARD_ID}>{s.confirmDiscard}</p>}
          <p>
            {view.offers.includes('retry') && (
              <>
                <button type="button" onClick={flow.retry}>
                  {s.retry}
                </button>{' '}
              </>
            )}
            <button
              type="button"
              aria-describedby={confirmingDiscard ? CONFIRM_DISCARD_ID : undefined}
              onClick={flow.discard}
            >
              {view.offers.includes('discardAndSign') ? s.discardAndSign : s.discardDraft}
            </button>
          </p>
          {exportButtons}
        </div>
      ) : (
        <>
          {view.saved && <SavedConfirmation saved={view.saved} locale={locale} s={s} />}
          {view.offers.length > 0 && (
            <>
              {fromChart ? (
                <p>
                  {s.replacesChartNote(
                    formatDate(fromChart.date, locale),
                    fromChart.recommendation && verdictWord(fromChart.recommendation),
                  )}
                </p>
              ) : (
                view.saved && <p>{s.amendHint}</p>
              )}
              {replacing && !flow.access.canSupersede && <p role="note">{s.earlierStaysCurrent}</p>}
              {!flow.access.canReadNotes && <p role="note">{s.cannotVerifyWhenSaved}</p>}
              {message && <p role="alert">{message}</p>}
              <button type="button" id={SIGN_BUTTON_ID} onClick={flow.sign} disabled={preview.error !== undefined}>
                {view.offers.includes('signAmended') ? s.signAmended : s.sign}
              </button>
            </>
          )}
        </>
      )}
      <details>
        <summary>{preview.title}</summary>
        {preview.error ? <p role="alert">{preview.error}</p> : <pre data-testid="note-preview">{preview.text}</pre>}
      </details>
    </section>
  );
}

function SavedConfirmation({ saved, locale, s }: { saved: SavedNoteRecord; locale: string; s: SignStrings }) {
  return (
    <div role="status" className="sign-saved">
      <h3 id={STATUS_ID} tabIndex={-1}>
        {saved.unverified ? s.savedUnverifiedHeading : s.savedHeading}
      </h3>
      <p>
        {s.savedLine} <time dateTime={saved.date}>{formatDate(saved.date, locale)}</time> · {s.documentId}{' '}
        <code data-testid="saved-document-id">DocumentReference/{saved.id}</code>
      </p>
      {saved.unverified && <p>{s.savedUnverified}</p>}
      {!saved.created && <p>{s.alreadySaved}</p>}
      {saved.provenanceError && <p>{s.provenanceFailed(saved.provenanceError)}</p>}
      {saved.replaced && (
        <p>
          {saved.replaced.superseded
            ? s.earlierSuperseded(earlierDate(saved.replaced, locale))
            : s.earlierStillCurrent(earlierDate(saved.replaced, locale), saved.replaced.reason)}
        </p>
      )}
    </div>
  );
}

/** "the note of 5 Dec 2026, 08:40" names the replaced note as the surgeon knows it, not by its id */
function earlierDate(replaced: NonNullable<SavedNoteRecord['replaced']>, locale: string): string | undefined {
  return replaced.date ? formatDate(replaced.date, locale) : undefined;
}
