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
import { SignPanel } from './sign/SignPanel';
import { patientName } from './format';
import { I18nContext, LANG_NAMES, LANGS, makeI18n, pickLang, type Lang } from './i18n';
import type { Services } from './services';
import { useRecord } from './useRecord';
import { useSurgeonInput } from './useSurgeonInput';

/** windows count the calendar days of the browser's time zone, the care setting's (README, "Dates and windows") */
const CARE_SETTING_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const LANG_KEY = 'pvp-eligibility:lang';

interface Props {
  session: LaunchSession;
  services: Services;
}

/** The criteria whose caution or order a verdict says: the payer's verdict beneath does not say them again. */
function saidBy(assessment: Assessment): ReadonlySet<string> {
  return new Set([
    ...assessment.criteria.filter((c) => c.caution).map((c) => c.id),
    ...assessment.missing.filter((m) => m.supply === 'order').map((m) => m.criterion),
  ]);
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
 * fold; the override (folded) and the signature below. When the site names a payer's coverage rule
 * set, it is assessed from the same record and answers, its verdict under the guideline's.
 */
export function Workspace({ session, services }: Props) {
  const [lang, setLang] = useState<Lang>(() => initialLang(session));
  const i18n = useMemo(() => makeI18n(lang, session.locale), [lang, session.locale]);
  const { t } = i18n;
  const [now] = useState(() => new Date());
  const loaded = useRecord(session, services);
  const { engine, record, retrying } = loaded;
  const { input, setAnswer, setOverride, resumeAnswers } = useSurgeonInput(
    storageKey(session.serverUrl, session.patientId),
  );

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const result = useMemo((): { assessment?: Assessment; coverage?: Assessment; error?: unknown } => {
    if (!engine || !record) return {};
    try {
      const { guideline, payer } = assessedRuleSets(engine.listRuleSets(), session.payerRuleSet);
      const assessment = engine.assess(record, {
        now,
        timeZone: CARE_SETTING_TIME_ZONE,
        ruleSetId: guideline,
        answers: input.answers,
        override: input.override,
      });
      // the override is the surgeon's clinical decision: the payer's criteria are only assessed
      const coverage = payer
        ? engine.assess(record, { now, timeZone: CARE_SETTING_TIME_ZONE, ruleSetId: payer, answers: input.answers })
        : undefined;
      return { assessment, ...(coverage && { coverage }) };
    } catch (error) {
      return { error };
    }
  }, [engine, record, now, input, session.payerRuleSet]);
  const { assessment, coverage } = result;

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
  const planned = useMemo(() => (assessment ? planQuestions(assessment, coverage) : []), [assessment, coverage]);
  const { asked, others } = usePinnedQuestions(planned, input.answers);
  const verdicts = useRef<HTMLDivElement>(null);
  const clinicalNo = assessment?.recommendation === 'not-eligible';
  const scopes = {
    guideline: { idPrefix: '', label: t.guidelineLabel },
    coverage: { idPrefix: 'coverage-', label: t.coverageLabel },
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
                { ...(coverage && { label: t.guidelineLabel }), assessment },
                ...(coverage ? [{ label: t.coverageLabel, assessment: coverage }] : []),
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
                  {...(coverage && { scope: scopes.guideline })}
                  onRetry={loaded.retryType}
                  retrying={retrying}
                />
                {coverage && (
                  <Verdict
                    assessment={coverage}
                    record={record}
                    notCurrent={retrying.size > 0}
                    scope={scopes.coverage}
                    showOutcome={false}
                    hideToDo={clinicalNo}
                    saidAbove={saidBy(assessment)}
                  />
                )}
              </div>
              <Questions questions={asked} payerHidden={clinicalNo} answers={input.answers} onAnswer={setAnswer} />
            </div>
            <AllCriteria
              guideline={assessment}
              {...(coverage && { coverage, scopes })}
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
              {...(coverage && { coverage })}
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
