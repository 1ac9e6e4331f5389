import './styles.css';
import { useEffect, useMemo, useState } from 'react';
import type { Assessment, CriterionResult } from '../clinical/assessment';
import { CLINICAL_TYPES, type ClinicalType, type PatientRecord, type ReadState } from '../clinical/record';
import type { LaunchSession } from '../smart/session';
import { storageKey } from './answersStore';
import { Criteria } from './components/Criteria';
import { EarlierNote } from './components/EarlierNote';
import { LoadProgress } from './components/LoadProgress';
import { MissingList } from './components/MissingList';
import { OverridePanel } from './components/OverridePanel';
import { PatientHeader } from './components/PatientHeader';
import { openQuestions, Questions } from './components/Questions';
import { RecordReads } from './components/RecordReads';
import { SideBySide } from './components/SideBySide';
import { Verdict } from './components/Verdict';
import { changesSince } from './noteChanges';
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

/** every criterion the surgeon can answer, once: criteria both rule sets share keep their id, so one answer counts for both */
function askableCriteria(assessments: Assessment[]): CriterionResult[] {
  const seen = new Set<string>();
  const out: CriterionResult[] = [];
  for (const c of assessments.flatMap((a) => a.criteria)) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out;
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
 * The surgeon's view: read the record once, assess, show, and re-assess on every answer. When the
 * engine has a payer's coverage rule set besides the guideline, both are assessed from the same
 * record and answers and shown side by side.
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
  const readsPanel = record && (
    <RecordReads
      reads={asWeighed(record.reads, assessment)}
      patientRead={record.patient !== undefined || loaded.patient !== undefined}
      retrying={retrying}
      onRetry={loaded.retryType}
      retryErrors={retryErrors}
    />
  );

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
            {coverage ? (
              <SideBySide
                guideline={assessment}
                coverage={coverage}
                record={record}
                notCurrent={retrying.size > 0}
                unread={unreadTypes(record)}
                onRetry={loaded.retryType}
                retrying={retrying}
              >
                <div className="shared-row">
                  <Questions
                    hint={t.answersCountForBoth}
                    criteria={askableCriteria([assessment, coverage])}
                    open={new Set([...openQuestions(assessment), ...openQuestions(coverage)])}
                    answers={input.answers}
                    onAnswer={setAnswer}
                  />
                  {readsPanel}
                </div>
              </SideBySide>
            ) : (
              <>
                <Verdict
                  assessment={assessment}
                  notCurrent={retrying.size > 0}
                  unread={unreadTypes(record)}
                  onRetry={loaded.retryType}
                  retrying={retrying}
                />
                <div className="columns">
                  <div className="side">
                    <MissingList assessment={assessment} />
                    <Questions
                      criteria={assessment.criteria}
                      open={openQuestions(assessment)}
                      answers={input.answers}
                      onAnswer={setAnswer}
                    />
                    {readsPanel}
                  </div>
                  <Criteria assessment={assessment} record={record} />
                </div>
              </>
            )}
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
