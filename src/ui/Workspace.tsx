import './styles.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Assessment } from '../clinical/assessment';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord, type ReadState } from '../clinical/record';
import type { LaunchSession } from '../smart/session';
import { storageKey } from './answersStore';
import { AllCriteria } from './components/AllCriteria';
import { EarlierNote } from './components/EarlierNote';
import { LoadProgress } from './components/LoadProgress';
import { OverridePanel } from './components/OverridePanel';
import { PatientHeader } from './components/PatientHeader';
import { Questions } from './components/Questions';
import { Verdict } from './components/Verdict';
import { VerdictBar } from './components/VerdictBar';
import { changesSince } from './noteChanges';
import { planQuestions, usePinnedQuestions } from './questionPlan';
import { assessedRuleSets, GUIDELINE_RULE_SET } from './ruleSets';
import type { PaneScope } from './scope';
import { SignPanel } from './sign/SignPanel';
import { patientName } from './format';
import { LANG_NAMES, LANGS, type Lang } from '../lang';
import { I18nContext, makeI18n, pickLang } from './i18n';
import type { Services } from './services';
import type { RecordRead } from './recordRead';
import { useRecord } from './useRecord';
import { fhirError } from '../fhir/status';
import type { FhirTransport } from '../fhir/transport';
import { useSurgeonInput } from './useSurgeonInput';

/** windows count the calendar days of the browser's time zone, the care setting's (README, "Dates and windows") */
const CARE_SETTING_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const LANG_KEY = 'pvp-eligibility:lang';

interface Props {
  session: LaunchSession;
  services: Services;
  /** the record's read the launch started before the screen ran (src/main.ts) */
  launchRead?: RecordRead;
}

/** The criteria whose caution or order the verdicts say: a payer's verdict beneath does not say them again. */
function saidBy(assessments: readonly Assessment[]): ReadonlySet<string> {
  return new Set(
    assessments.flatMap((assessment) => [
      ...assessment.criteria.filter((c) => c.caution).map((c) => c.id),
      ...assessment.missing.filter((m) => m.supply === 'order').map((m) => m.criterion),
    ]),
  );
}

/** Types the fetch could not read fully; a type deliberately not asked for is not one of them. */
function unreadTypes(record: PatientRecord): { type: ClinicalType; state: ReadState }[] {
  return CLINICAL_TYPES.filter(
    (type) => record.reads[type] && !['full', 'not-requested'].includes(record.reads[type].state),
  ).map((type) => ({ type, state: record.reads[type].state }));
}

/**
 * The reads as the engine weighed them: a list read fully can count as partly read (an order names
 * a drug that could not be read), and "What was read" must not say more than the criteria assume.
 */
function asWeighed(reads: PatientRecord['reads'], assessment: Assessment | undefined): PatientRecord['reads'] {
  const weighed = { ...reads };
  for (const type of CLINICAL_TYPES) {
    const engine = assessment?.reads[type];
    const read = weighed[type];
    if (read?.state === 'full' && engine?.state === 'partial')
      weighed[type] = { ...read, state: 'partial', reason: engine.reason, reasonText: engine.reasonText };
  }
  return weighed;
}

const NO_COVERAGE: Assessment[] = [];

/** whether the EHR ended the session (a 401): every later read or write fails until the app is launched again */
function useSessionEnded(transport: FhirTransport): boolean {
  const [ended, setEnded] = useState(false);
  useEffect(() => transport.onSessionEnded?.(() => setEnded(true)), [transport]);
  return ended;
}

/**
 * A payer's verdict panel: the first keeps the ids it has always had ("coverage-verdict"), each
 * further one is prefixed with its rule set's id, so two panels never share an id.
 */
function coverageScope(coverage: Assessment, index: number, label: string): PaneScope {
  return { idPrefix: index === 0 ? 'coverage-' : `coverage-${coverage.rulesetInfo.id}-`, label };
}

function initialLang(session: LaunchSession): Lang {
  let chosen: string | undefined;
  try {
    chosen = sessionStorage.getItem(LANG_KEY) ?? undefined;
  } catch {
    chosen = undefined;
  }
  return pickLang(chosen, session.locale, typeof navigator === 'undefined' ? undefined : navigator.language);
}

/**
 * The surgeon's view: read the record once, assess, show, and re-assess on every answer. One screen
 * to decide: the verdict(s) with what decided them, beside the open questions, answerable in place;
 * every criterion with its evidence, what was read and the other questions under one "All criteria"
 * fold; the override (folded) and the signature below. Each payer's coverage rule set the site names
 * is assessed from the same record and answers, its verdict under the guideline's, in the site's order.
 */
export function Workspace({ session, services, launchRead }: Props) {
  const [lang, setLang] = useState<Lang>(() => initialLang(session));
  const i18n = useMemo(() => makeI18n(lang, session.locale), [lang, session.locale]);
  const { t } = i18n;
  const [now] = useState(() => new Date());
  const loaded = useRecord(session, services, launchRead);
  const { engine, record, retrying } = loaded;
  const { input, setAnswer, setOverride, resumeAnswers } = useSurgeonInput(
    storageKey(session.serverUrl, session.patientId),
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const result = useMemo((): { assessment?: Assessment; coverages?: Assessment[]; error?: unknown } => {
    if (!engine || !record) return {};
    try {
      const { guideline, payers } = assessedRuleSets(engine.listRuleSets(), session.payerRuleSets);
      const assessment = engine.assess(record, {
        now,
        timeZone: CARE_SETTING_TIME_ZONE,
        ruleSetId: guideline,
        answers: input.answers,
        override: input.override,
      });
      // the override is the surgeon's clinical decision: the payers' criteria are only assessed
      const coverages = payers.map((ruleSetId) =>
        engine.assess(record, { now, timeZone: CARE_SETTING_TIME_ZONE, ruleSetId, answers: input.answers }),
      );
      return { assessment, coverages };
    } catch (error) {
      return { error };
    }
  }, [engine, record, now, input, session.payerRuleSets]);
  const { assessment, coverages = NO_COVERAGE } = result;
  const payerShown = coverages.length > 0;

  // a relaunch continues: the app's latest note, and what the record says differently since it was signed
  const earlier = loaded.earlier.state === 'found' ? loaded.earlier.note : undefined;
  const trail = earlier?.trail;
  const sinceEarlier = useMemo(() => {
    if (!engine || !record || !trail) return undefined;
    try {
      const today = engine.assess(record, { now, ruleSetId: GUIDELINE_RULE_SET, answers: trail.answers });
      return {
        changes: changesSince(trail.assessment, today),
        verdictNow: today.recommendation !== trail.assessment.recommendation ? today.recommendation : undefined,
      };
    } catch {
      return undefined;
    }
  }, [engine, record, now, trail]);
  const canResume =
    trail !== undefined &&
    Object.entries(trail.answers).some(([id, answer]) => input.answers[id]?.status !== answer?.status);

  const chooseLang = (next: Lang) => {
    setLang(next);
    try {
      sessionStorage.setItem(LANG_KEY, next);
    } catch {
      // the choice holds for this page
    }
  };

  const retryErrors = Object.fromEntries(
    Object.entries(loaded.retryErrors).map(([type, e]) => [type, services.describeFhirError(e, lang)]),
  ) as Partial<Record<ClinicalType, string>>;
  const failure = loaded.error ?? result.error;
  const sessionEnded = useSessionEnded(loaded.transport);
  const planned = useMemo(() => (assessment ? planQuestions(assessment, coverages) : []), [assessment, coverages]);
  const { asked, others } = usePinnedQuestions(planned, input.answers);
  const askedBeside = useMemo(
    () => new Set(asked.filter((q) => q.open).flatMap((q) => [q.criterion.id, ...q.companions.map((c) => c.id)])),
    [asked],
  );
  const verdicts = useRef<HTMLDivElement>(null);
  const clinicalNo = assessment?.recommendation === 'not-eligible';
  const scopes = {
    guideline: { idPrefix: '', label: t.guidelineLabel },
    coverages: coverages.map((coverage, i) => coverageScope(coverage, i, t.coverageLabel)),
  };

  return (
    <I18nContext.Provider value={i18n}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-bar">
          <h1 className="app-title">{t.appTitle}</h1>
          <div className="app-tools">
            <label>
              {t.language}{' '}
              <select value={lang} onChange={(e) => chooseLang(e.target.value as Lang)} data-testid="language">
                {LANGS.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {LANG_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
        <PatientHeader
          patient={record?.patient ?? loaded.patient}
          unreadable={record !== undefined && !record.patient && !loaded.patient}
          encounter={record?.encounter}
          fullBanner={session.needPatientBanner}
          now={now}
        />
      </header>
      <main id="main" tabIndex={-1}>
        {failure !== undefined && (
          <section className="panel failure" role="alert" aria-labelledby="failure-title">
            <h2 id="failure-title">{loaded.error !== undefined ? t.loadFailed : t.assessFailed}</h2>
            <p>{loaded.error !== undefined ? services.describeFhirError(loaded.error, lang) : t.assessFailedDetail}</p>
            {loaded.error !== undefined && (
              <button type="button" onClick={loaded.reload}>
                {t.retryAll}
              </button>
            )}
          </section>
        )}
        {sessionEnded && failure === undefined && (
          <section className="panel failure" role="alert" data-testid="session-ended">
            <p>{services.describeFhirError(fhirError('unauthorized'), lang)}</p>
          </section>
        )}
        {failure === undefined && !assessment && (
          <LoadProgress progress={loaded.progress} engineReady={Boolean(engine)} />
        )}
        {assessment && record && (
          <>
            {earlier && (
              <EarlierNote
                note={earlier}
                changes={sinceEarlier?.changes}
                verdictNow={sinceEarlier?.verdictNow}
                canResume={canResume}
                onResume={() => trail && resumeAnswers(trail.answers)}
              />
            )}
            <VerdictBar
              watch={verdicts}
              verdicts={[
                { ...(payerShown && { label: t.guidelineLabel }), assessment },
                ...coverages.map((coverage) => ({
                  label: coverages.length > 1 ? i18n.text(coverage.rulesetInfo.title) : t.coverageLabel,
                  assessment: coverage,
                })),
              ]}
              notCurrent={retrying.size > 0}
            />
            <div className="decide">
              <div className="decide-verdicts" ref={verdicts}>
                <Verdict
                  assessment={assessment}
                  record={record}
                  notCurrent={retrying.size > 0}
                  unread={unreadTypes(record)}
                  {...(payerShown && { scope: scopes.guideline })}
                  askedBeside={askedBeside}
                  onRetry={loaded.retryType}
                  retrying={retrying}
                />
                {coverages.map((coverage, i) => (
                  <Verdict
                    key={coverage.rulesetInfo.id}
                    assessment={coverage}
                    record={record}
                    notCurrent={retrying.size > 0}
                    scope={scopes.coverages[i]!}
                    showOutcome={false}
                    hideToDo={clinicalNo}
                    saidAbove={saidBy([assessment, ...coverages.slice(0, i)])}
                    askedBeside={askedBeside}
                  />
                ))}
              </div>
              <Questions questions={asked} payerHidden={clinicalNo} answers={input.answers} onAnswer={setAnswer} />
            </div>
            <AllCriteria
              guideline={assessment}
              {...(payerShown && { coverages, scopes })}
              record={record}
              otherQuestions={others}
              answers={input.answers}
              onAnswer={setAnswer}
              reads={asWeighed(record.reads, assessment)}
              patientRead={record.patient !== undefined || loaded.patient !== undefined}
              retrying={retrying}
              onRetry={loaded.retryType}
              retryErrors={retryErrors}
            />
            <OverridePanel
              key={assessment.override ? 'set' : 'unset'}
              override={assessment.override}
              computed={assessment.computedRecommendation}
              onChange={setOverride}
            />
            <SignPanel
              assessment={assessment}
              coverages={coverages}
              session={session}
              transport={loaded.transport}
              answers={input.answers}
              override={input.override}
              lang={lang}
              locale={i18n.locale}
              patientName={patientName(record.patient)}
              signerName={loaded.signer}
              {...(earlier && { earlier })}
            />
          </>
        )}
      </main>
    </I18nContext.Provider>
  );
}
