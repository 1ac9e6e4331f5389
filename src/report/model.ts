import type { Assessment, CriterionGroup, CriterionResult, Question } from '../clinical/assessment';
import type { Localized } from '../lang';
import { answeredQuestion, type SurgeonAnswer } from '../clinical/answers';
import { formatDate } from './dates';
import { EXPECTED_OUTCOME_SUMMARY } from './expected-outcome';
import { APP_NAME, APP_VERSION } from './identity';
import { readableText } from './readable';
import { NOTE_STRINGS, type NoteStrings } from './strings';
import type { NoteContext } from './types';

/**
 * The consult note as data: one model, rendered twice (text/plain and text/html), so both content
 * items of the DocumentReference are the same document by construction. It is what a colleague
 * reads in half a minute: the verdict, the findings it rests on, the contraindications checked, the
 * surgeon's answers and the plan, in the surgeon's language and local time, signed by name. Criterion
 * ids, codes, resource ids and sources are not in it: the structured attachment (audit.ts) carries
 * every criterion with its evidence.
 */
export interface NoteLine {
  /** "Recommendation", "Plan"; absent for a line that speaks for itself */
  label?: string;
  text: string;
}

export interface NoteModel {
  lang: NoteContext['lang'];
  title: string;
  /** the recommendation as the note states it, e.g. "Eligible with cautions" */
  verdict: string;
  /** the title of the document: the note's title with its verdict(s) */
  headline: string;
  /** groups of lines, a blank line between them */
  blocks: NoteLine[][];
}

const MAX_FIELD_LENGTH = 1000;

/** C0 and C1 controls, line separators, bidirectional marks and overrides: they could reorder or hide what a reader sees */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Record strings are untrusted: control and bidirectional-override characters could reorder or
 * hide what the reader sees, and a runaway field must not swamp the note.
 */
export function cleanField(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const flat = text.replace(UNSAFE_CHARACTERS, ' ');
  const collapsed = flat.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_FIELD_LENGTH ? `${collapsed.slice(0, MAX_FIELD_LENGTH)}…` : collapsed;
}

/** How the note writes a text of the rule set or the record: cleaned, in its language, no codes, dates local. */
interface Writer {
  s: NoteStrings;
  lang: NoteContext['lang'];
  text: (value: Localized | undefined) => string;
  date: (iso: string | undefined) => string;
}

function writerFor(context: NoteContext): Writer {
  const s = NOTE_STRINGS[context.lang];
  const locale = context.locale ?? s.locale;
  return {
    s,
    lang: context.lang,
    text: (value) => readableText(cleanField(value?.[context.lang]), locale, context.timeZone),
    date: (iso) => formatDate(iso, locale, context.timeZone),
  };
}

/**
 * One note for one record. With `context.coverages` (the payers' coverage assessments of the same
 * record and answers) it states each coverage verdict too, with its rule set's title, and each
 * payer's to-dos in the plan unless the clinical verdict is "not eligible".
 */
export function buildNoteModel(assessment: Assessment, context: NoteContext): NoteModel {
  const w = writerFor(context);
  const { s } = w;
  const coverages = context.coverages ?? [];
  const verdict = s.recommendation[assessment.recommendation];
  // several payers: each verdict names its payer's rule set, as the verdict lines do
  const coverageVerdicts = coverages.map(
    (coverage) =>
      `; ${s.coverage}: ${s.recommendation[coverage.recommendation]}${coverages.length > 1 ? ` (${w.text(coverage.rulesetInfo.title)})` : ''}`,
  );
  const criteria = [assessment, ...coverages].flatMap((a) => a.criteria);
  return {
    lang: context.lang,
    title: s.title,
    verdict,
    headline: `${s.title}: ${verdict}${coverageVerdicts.join('')}`,
    blocks: [
      [...headerLines(context, w), ...verdictLines(assessment, context, w)],
      findingLines(assessment, w),
      contraindicationLines(assessment, w),
      [
        ...surgeonLines(criteria, assessment, context, w),
        ...planLines(assessment, context, w),
        ...unreadLines(assessment, w),
      ],
      signatureLines(context, w),
    ].filter((block) => block.length > 0),
  };
}

function headerLines(context: NoteContext, w: Writer): NoteLine[] {
  const { s } = w;
  const name = cleanField(context.patient.display);
  return [
    { label: s.patient, text: name || s.patientUnnamed },
    ...(context.replaces
      ? [{ text: s.replaces(w.date(context.replaces.date) || s.earlierNote, recommendationOf(context.replaces, s)) }]
      : []),
  ];
}

function recommendationOf(replaces: NonNullable<NoteContext['replaces']>, s: NoteStrings): string | undefined {
  return replaces.recommendation ? s.recommendation[replaces.recommendation] : undefined;
}

function verdictLines(assessment: Assessment, context: NoteContext, w: Writer): NoteLine[] {
  const { s } = w;
  const verdict = s.recommendation[assessment.recommendation];
  const override = context.override ?? assessment.override;
  const overridden = assessment.recommendation !== assessment.computedRecommendation;
  const lines: NoteLine[] = [
    {
      label: s.recommendationLabel,
      text: overridden
        ? `${verdict} (${s.overriddenFrom(s.recommendation[assessment.computedRecommendation])})`
        : verdict,
    },
  ];
  if (override && overridden) lines.push({ label: s.overrideReason, text: cleanField(override.reason) });
  // README "The surgeon decides, with a reason": what the chart proves, overruled, beside the verdict with the reason
  for (const c of assessment.criteria)
    if (c.overruled && c.chartFinding)
      lines.push({
        text: s.overruled(
          c.overruled.by,
          `${w.text(c.title)}: ${w.text(c.chartFinding.rationale)}`,
          cleanField(c.overruled.reason),
        ),
      });
  for (const coverage of context.coverages ?? [])
    lines.push({
      label: s.coverage,
      text: `${s.recommendation[coverage.recommendation]} (${w.text(coverage.rulesetInfo.title)})`,
    });
  // an eligible verdict rests on the findings below; any other is decided by one or two criteria
  if (
    assessment.computedRecommendation !== 'eligible' &&
    assessment.computedRecommendation !== 'eligible-with-cautions'
  ) {
    // named here, said below with the other findings
    const decisive = assessment.decisive
      .map((id) => assessment.criteria.find((c) => c.id === id))
      .filter((c): c is CriterionResult => c !== undefined)
      .map((c) => w.text(c.title));
    if (decisive.length) lines.push({ label: s.decidedBy, text: decisive.join('; ') });
  }
  return lines;
}

/** The levels, each indication and each pre-procedure requirement: what the verdict rests on. */
function findingLines(assessment: Assessment, w: Writer): NoteLine[] {
  const { s } = w;
  // the findings per level are the indications' own (their rationales say them in the note's language)
  const levels = assessment.levels.map(cleanField);
  const described = (group: CriterionGroup) =>
    assessment.criteria
      .filter((c) => c.group === group)
      .map((c) => ({ label: `${w.text(c.title)}${statusSuffix(c, s)}`, text: w.text(c.rationaleText) }));
  return [
    { label: s.levels, text: levels.length ? levels.join(', ') : s.noLevels },
    ...described('indication'),
    ...described('requirement'),
  ];
}

/** A met indication or requirement reads as stated; one not met or not known says so. */
function statusSuffix(c: CriterionResult, s: NoteStrings): string {
  return c.status === 'met' ? '' : `, ${s.status[c.status]}`;
}

/** Every contraindication checked: absent, present (with the finding) or not known. */
function contraindicationLines(assessment: Assessment, w: Writer): NoteLine[] {
  const { s } = w;
  const contraindications = assessment.criteria.filter(
    (c) => c.group === 'absolute-contraindication' || c.group === 'relative-contraindication',
  );
  const absent = contraindications.filter((c) => c.status === 'not-met').map((c) => w.text(c.title));
  const unknown = contraindications.filter((c) => c.status === 'unknown').map((c) => w.text(c.title));
  return [
    ...contraindications
      .filter((c) => c.status === 'met')
      .map((c) => ({
        label: c.group === 'absolute-contraindication' ? s.presentAbsolute : s.presentRelative,
        text: `${w.text(c.title)}: ${w.text(c.rationaleText)}`,
      })),
    ...(unknown.length ? [{ label: s.contraindicationsUnknown, text: unknown.join('; ') }] : []),
    { label: s.contraindicationsAbsent, text: absent.length ? absent.join('; ') : s.none },
  ];
}

/** The surgeon's answers as given (the option, the value or the levels) and an override's reason. */
function surgeonLines(
  criteria: CriterionResult[],
  assessment: Assessment,
  context: NoteContext,
  w: Writer,
): NoteLine[] {
  const { s } = w;
  // each answer after the question as it was asked ("Is the pain axial, matching the level? Yes, axial")
  const answers = Object.entries(context.answers).map(([id, answer]) => {
    // a criterion's id, or a question several criteria share (the care setting)
    const about = answeredQuestion(criteria, id);
    const asked = about?.question ? w.text(about.question.prompt) : about ? w.text(about.title) : '';
    const given = answerText(about, answer, w);
    return asked.endsWith('?') ? `${asked} ${given}` : `${asked || cleanField(id)}: ${given}`;
  });
  const override = context.override ?? assessment.override;
  return [
    ...(answers.length ? [{ label: s.answers, text: answers.join('; ') }] : []),
    ...(override && assessment.recommendation === assessment.computedRecommendation
      ? [{ label: s.overrideReason, text: cleanField(override.reason) }]
      : []),
  ];
}

/** "Intact", "18", "L1, L2": what the surgeon entered, never only the status it gave. */
function answerText(about: { question?: Question } | undefined, answer: SurgeonAnswer, w: Writer): string {
  const { s } = w;
  const option = about?.question?.options?.find((o) => o.status === answer.status)?.label;
  const parts = [
    answer.value !== undefined ? cleanField(answer.value) : '',
    answer.levels?.length ? answer.levels.map(cleanField).join(', ') : '',
  ].filter(Boolean);
  const given = parts.length ? parts.join(', ') : option ? w.text(option) : s.status[answer.status];
  const why = [answer.reason ? `${s.answerReason}: ${cleanField(answer.reason)}` : '', cleanField(answer.note)]
    .filter(Boolean)
    .join('; ');
  return why ? `${given} (${why})` : given;
}

/**
 * What to do next: the cautions the engine attached (hold, order, guide, re-assess), what the record
 * lacks and can be ordered or answered, and the payer's to-dos. When the clinical verdict is "not
 * eligible", no work-up: only what would make the patient eligible later (re-assess after weeks of
 * analgesia), and nothing for the payer.
 */
function planLines(assessment: Assessment, context: NoteContext, w: Writer): NoteLine[] {
  const { s } = w;
  const clinicalNo = assessment.recommendation === 'not-eligible';
  const stepsOf = (a: Assessment): string[] => [
    ...a.criteria.filter((c) => c.caution).map((c) => w.text(c.caution)),
    ...a.missing
      .filter((m) => !a.criteria.some((c) => c.id === m.criterion && c.caution))
      .map((m) => s.toSupply[m.supply](w.text(m.needText))),
  ];
  const steps = clinicalNo
    ? assessment.criteria.filter((c) => c.group === 'indication' && c.caution).map((c) => w.text(c.caution))
    : stepsOf(assessment);
  const clinical = new Set(steps);
  // each payer's to-dos not said above (by the guideline or an earlier payer), labelled with its rule set when several
  const coverages = clinicalNo ? [] : (context.coverages ?? []);
  const said = new Set(clinical);
  const forPayers = coverages.flatMap((coverage) => {
    const forPayer = [...new Set(stepsOf(coverage))].filter((x) => !said.has(x));
    forPayer.forEach((x) => said.add(x));
    const label = coverages.length > 1 ? `${s.coveragePlan} (${w.text(coverage.rulesetInfo.title)})` : s.coveragePlan;
    return forPayer.length ? [{ label, text: forPayer.join(' ') }] : [];
  });
  const eligible = assessment.recommendation === 'eligible' || assessment.recommendation === 'eligible-with-cautions';
  const plan = clinicalNo ? [s.noProcedure, ...clinical] : clinical.size ? [...clinical] : [s.nothingToDo];
  return [
    { label: s.plan, text: plan.join(' ') },
    ...forPayers,
    ...(eligible ? [{ label: s.expectedBenefit, text: EXPECTED_OUTCOME_SUMMARY[context.lang] }] : []),
  ];
}

function unreadLines(assessment: Assessment, w: Writer): NoteLine[] {
  const { s } = w;
  const unread = Object.entries(assessment.reads).filter(([, read]) => read.state !== 'full');
  if (!unread.length) return [];
  return [
    {
      label: s.notReadFully,
      text: unread
        .map(([type, read]) => {
          const reason = read.reasonText ? w.text(read.reasonText) : cleanField(read.reason);
          const name = s.typeNames[type] ?? cleanField(type);
          return `${name}: ${s.readState[read.state] ?? cleanField(read.state)}${reason ? ` (${reason})` : ''}`;
        })
        .join('; '),
    },
  ];
}

/** Signed by name; the rule sets' versions and the rest of the audit trail are in the structured part. */
function signatureLines(context: NoteContext, w: Writer): NoteLine[] {
  const { s } = w;
  const app = context.app ?? { name: APP_NAME, version: APP_VERSION };
  const author = cleanField(context.author?.display) || s.unknownAuthor;
  return [
    { text: s.signed(w.date(context.signedAt), author) },
    { text: s.footer(`${cleanField(app.name)} ${cleanField(app.version)}`) },
  ];
}
