import type { Assessment, CriterionGroup, CriterionResult, DocumentationItem } from '../clinical/assessment';
import type { SurgeonAnswer } from '../clinical/answers';
import { EXPECTED_OUTCOME } from './expected-outcome';
import { APP_NAME, APP_VERSION } from './identity';
import { NOTE_STRINGS, type NoteStrings } from './strings';
import type { NoteContext } from './types';

/**
 * The note as data: one model, rendered twice (text/plain and text/html), so both content items
 * of the DocumentReference are the same document by construction.
 */
export interface NoteItem {
  text: string;
  details?: string[];
}

export interface NoteSection {
  heading: string;
  paragraphs?: string[];
  items?: NoteItem[];
}

export interface NoteModel {
  lang: NoteContext['lang'];
  title: string;
  /** the recommendation as the note states it, e.g. "Eligible with cautions" */
  verdict: string;
  /** the title of the document: the note's title with its verdict(s) */
  headline: string;
  facts: { label: string; value: string }[];
  sections: NoteSection[];
  footer: string[];
}

const GROUP_ORDER: CriterionGroup[] = [
  'indication',
  'absolute-contraindication',
  'relative-contraindication',
  'requirement',
];

const MAX_FIELD_LENGTH = 1000;

/**
 * Record strings are untrusted: control and bidirectional-override characters could reorder or
 * hide what the reader sees, and a runaway field must not swamp the note.
 */
export function cleanField(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ');
  const collapsed = flat.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_FIELD_LENGTH ? `${collapsed.slice(0, MAX_FIELD_LENGTH)}…` : collapsed;
}

/**
 * One note for one record. With `context.coverage` (a payer's coverage assessment of the same
 * record and answers) it states both verdicts, each with its criteria, what is missing and, for a
 * payer rule set, the documentation checklist and the rule set's open points; the coverage part
 * follows the guideline part, every heading of it marked as coverage.
 */
export function buildNoteModel(assessment: Assessment, context: NoteContext): NoteModel {
  const s = NOTE_STRINGS[context.lang];
  const app = context.app ?? { name: APP_NAME, version: APP_VERSION };
  const { coverage } = context;
  const verdict = s.recommendation[assessment.recommendation];
  const coverageVerdict = coverage ? s.recommendation[coverage.recommendation] : undefined;
  const criteria = [...assessment.criteria, ...(coverage?.criteria ?? [])];
  const asCoverage = (section: NoteSection): NoteSection => ({
    ...section,
    heading: `${s.coverage}: ${section.heading}`,
  });
  return {
    lang: context.lang,
    title: s.title,
    verdict,
    headline: `${s.title}: ${verdict}${coverageVerdict ? `; ${s.coverage}: ${coverageVerdict}` : ''}`,
    facts: headerFacts(assessment, context, s),
    sections: [
      ...withCoverageVerdict(
        verdictSections(assessment, context, s),
        coverage && `${s.coverage}: ${coverageVerdict} — ${cleanField(coverage.rulesetInfo.title[context.lang])}`,
      ),
      ...(coverage ? coverageSections(coverage, context, s).map(asCoverage) : []),
      answersSection(criteria, context, s),
      ...((context.override ?? assessment.override) ? [overrideSection(assessment, context, s)] : []),
      unreadSection(assessment, context, s),
      { heading: s.expectedOutcomeHeading, paragraphs: EXPECTED_OUTCOME.map((p) => p[context.lang]) },
      citationsSection(assessment, s),
      ...(coverage ? [asCoverage(citationsSection(coverage, s))] : []),
    ],
    footer: [s.generatedBy(cleanField(app.name), cleanField(app.version)), s.disclaimer],
  };
}

/** What the note says about one assessment: verdict, criteria, what is missing, and a payer's checklist. */
function verdictSections(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection[] {
  return [
    recommendationSection(assessment, context, s),
    ...GROUP_ORDER.map((group) => criteriaSection(assessment, group, context, s)).filter(
      (section): section is NoteSection => section !== undefined,
    ),
    missingSection(assessment, context, s),
    ...(assessment.documentation ? [documentationSection(assessment.documentation, context, s)] : []),
    ...(assessment.rulesetInfo.openPoints?.length ? [openPointsSection(assessment, context, s)] : []),
  ];
}

/** The guideline's verdict is read first: the coverage verdict is named right below it. */
function withCoverageVerdict([recommendation, ...rest]: NoteSection[], line: string | undefined): NoteSection[] {
  if (!recommendation || !line) return recommendation ? [recommendation, ...rest] : rest;
  return [{ ...recommendation, paragraphs: [...(recommendation.paragraphs ?? []), line] }, ...rest];
}

/** The coverage part opens with the rule set it applies; the surgeon's amendment is said once, above. */
function coverageSections(coverage: Assessment, context: NoteContext, s: NoteStrings): NoteSection[] {
  const [recommendation, ...rest] = verdictSections(coverage, { ...context, replaces: undefined }, s);
  if (!recommendation) return rest;
  return [
    { ...recommendation, paragraphs: [ruleSetName(coverage, context), ...(recommendation.paragraphs ?? [])] },
    ...rest,
  ];
}

function ruleSetName(assessment: Assessment, context: NoteContext): string {
  return `${cleanField(assessment.rulesetInfo.title[context.lang])} (${cleanField(assessment.ruleset.id)} ${cleanField(assessment.ruleset.version)})`;
}

function headerFacts(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteModel['facts'] {
  const patient = [context.patient.display, context.patient.reference].filter(Boolean).map(cleanField);
  const author = context.author
    ? [context.author.display, context.author.reference].filter(Boolean).map(cleanField).join(', ')
    : s.unknownAuthor;
  const facts = [
    { label: s.patient, value: patient.join(', ') },
    { label: s.signedAt, value: context.signedAt },
    { label: s.signedBy, value: author },
    ...(context.encounter ? [{ label: s.encounter, value: cleanField(context.encounter) }] : []),
    { label: s.dataAsOf, value: cleanField(assessment.assessedAt) },
    { label: s.ruleSet, value: ruleSetName(assessment, context) },
    ...(context.coverage ? [{ label: s.coverageRuleSet, value: ruleSetName(context.coverage, context) }] : []),
    { label: s.assessmentId, value: `urn:uuid:${context.assessmentId}` },
  ];
  return facts;
}

function recommendationSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  const verdict = s.recommendation[assessment.recommendation];
  const overridden = assessment.recommendation !== assessment.computedRecommendation;
  const levels = assessment.levelDetails.length
    ? assessment.levelDetails.map((level) => {
        const findings = level.findings.map(cleanField).filter(Boolean);
        return `${cleanField(level.level)}${findings.length ? `: ${findings.join('; ')}` : ''}`;
      })
    : assessment.levels.map(cleanField);
  const decisive = assessment.decisive
    .map((id) => assessment.criteria.find((c) => c.id === id))
    .filter((c): c is CriterionResult => c !== undefined)
    .map((c) =>
      c.overruled && c.chartFinding
        ? // README "The surgeon decides, with a reason": the chart's finding and the surgeon's reason, never a plain reason
          s.overruled(
            c.overruled.by,
            `${cleanField(c.title[context.lang])}: ${cleanField(c.chartFinding.rationale[context.lang])}`,
            cleanField(c.overruled.reason),
          )
        : `${cleanField(c.title[context.lang])}: ${cleanField(c.rationaleText[context.lang])}`,
    );
  const cautions = assessment.criteria
    .filter((c) => c.caution && needsCaution(c))
    .map((c) => `${cleanField(c.title[context.lang])}: ${cleanField(c.caution?.[context.lang])}`);
  const items: NoteItem[] = [
    { text: `${s.levels}: ${levels.length ? levels.join(' | ') : s.noLevels}` },
    ...(decisive.length ? [{ text: s.decisive, details: decisive }] : []),
    ...(cautions.length ? [{ text: s.cautions, details: cautions }] : []),
  ];
  return {
    heading: s.recommendationHeading,
    paragraphs: [
      context.replaces ? s.replaces(cleanField(context.replaces.id), context.replaces.date) : '',
      overridden ? `${verdict} (${s.overriddenFrom(s.recommendation[assessment.computedRecommendation])})` : verdict,
    ].filter(Boolean),
    items,
  };
}

/** a caution applies to a met relative contraindication or an unmet requirement (docs/criteria.md, "how statuses combine") */
function needsCaution(criterion: CriterionResult): boolean {
  if (criterion.group === 'relative-contraindication') return criterion.status === 'met';
  if (criterion.group === 'requirement') return criterion.status !== 'met';
  return criterion.status === 'met';
}

function criteriaSection(
  assessment: Assessment,
  group: CriterionGroup,
  context: NoteContext,
  s: NoteStrings,
): NoteSection | undefined {
  const criteria = assessment.criteria.filter((c) => c.group === group);
  if (!criteria.length) return undefined;
  return {
    heading: s.groups[group],
    items: criteria.map((c) => ({
      text: `[${s.status[c.status]}] ${cleanField(c.title[context.lang])} (${cleanField(c.id)}): ${cleanField(c.rationaleText[context.lang])}`,
      details: [
        ...(c.source === 'surgeon' ? [s.fromSurgeon(c.answeredAt ? cleanField(c.answeredAt) : undefined)] : []),
        ...(c.evidence.length ? c.evidence.map(evidenceLine) : [s.noEvidence]),
        ...c.excluded.map((e) => `${s.notUsed(cleanField(e.why))}: ${evidenceLine(e)}`),
        ...(c.citations.length ? [s.sources(c.citations.map(cleanField).join(', '))] : []),
      ],
    })),
  };
}

/**
 * "Condition/1: summary (date)". The date is left out where the summary already states that day,
 * and the surgeon's answers (reference "surgeon") speak for themselves.
 */
function evidenceLine(evidence: { reference: string; summary: string; date?: string }): string {
  const summary = cleanField(evidence.summary);
  const date = evidence.date ? cleanField(evidence.date) : '';
  const dated = date && !summary.includes(date.slice(0, 10)) ? `${summary} (${date})` : summary;
  return evidence.reference === 'surgeon' ? dated : `${cleanField(evidence.reference)}: ${dated}`;
}

function missingSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  return assessment.missing.length
    ? {
        heading: s.missingHeading,
        items: assessment.missing.map((m) => ({
          text: `${criterionTitle(assessment.criteria, m.criterion, context)}: ${cleanField(m.needText[context.lang])}`,
        })),
      }
    : { heading: s.missingHeading, paragraphs: [s.nothingMissing] };
}

function answersSection(criteria: CriterionResult[], context: NoteContext, s: NoteStrings): NoteSection {
  const answers = Object.entries(context.answers);
  if (!answers.length) return { heading: s.answersHeading, paragraphs: [s.noAnswers] };
  return {
    heading: s.answersHeading,
    items: answers.map(([criterion, answer]) => ({
      text: `${criterionTitle(criteria, criterion, context)}: ${answerLabel(criteria, criterion, answer, context, s)} (${s.surgeonsAnswer})`,
      details: answerDetails(answer, s),
    })),
  };
}

/** The option the surgeon chose, in the question's words ("Intact"), with the status it gives. */
function answerLabel(
  criteria: CriterionResult[],
  id: string,
  answer: SurgeonAnswer,
  context: NoteContext,
  s: NoteStrings,
): string {
  const status = s.status[answer.status] ?? cleanField(answer.status);
  const option = criteria.find((c) => c.id === id)?.question?.options?.find((o) => o.status === answer.status)?.label[
    context.lang
  ];
  return option ? `${cleanField(option)} (${status})` : status;
}

function answerDetails(answer: SurgeonAnswer, s: NoteStrings): string[] {
  return [
    answer.levels?.length ? `${s.answerLevels}: ${answer.levels.map(cleanField).join(', ')}` : '',
    answer.value !== undefined ? `${s.answerValue}: ${cleanField(answer.value)}` : '',
    answer.reason ? `${s.answerReason}: ${cleanField(answer.reason)}` : '',
    answer.note ? `${s.answerNote}: ${cleanField(answer.note)}` : '',
    answer.answeredAt ? `${s.answeredAt}: ${cleanField(answer.answeredAt)}` : '',
  ].filter(Boolean);
}

function overrideSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  const override = context.override ?? assessment.override;
  return {
    heading: s.overrideHeading,
    paragraphs: override
      ? [
          s.overrideLine(
            s.recommendation[override.recommendation] ?? cleanField(override.recommendation),
            cleanField(override.at),
          ),
          `${s.overrideReason}: ${cleanField(override.reason)}`,
        ]
      : [],
  };
}

function unreadSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  const unread = Object.entries(assessment.reads).filter(([, read]) => read.state !== 'full');
  return unread.length
    ? {
        heading: s.unreadHeading,
        items: unread.map(([type, read]) => {
          const reason = read.reasonText?.[context.lang] ?? read.reason;
          return {
            text: `${cleanField(type)}: ${s.readState[read.state] ?? cleanField(read.state)}${reason ? ` (${cleanField(reason)})` : ''}`,
          };
        }),
      }
    : { heading: s.unreadHeading, paragraphs: [s.allRead] };
}

function citationsSection(assessment: Assessment, s: NoteStrings): NoteSection {
  return {
    heading: s.citationsHeading,
    items: assessment.rulesetInfo.citations.map((c) => ({
      text: `[${cleanField(c.key)}] ${cleanField(c.text)}${c.url ? ` ${cleanField(c.url)}` : ''}`,
    })),
  };
}

function criterionTitle(criteria: CriterionResult[], id: string, context: NoteContext): string {
  const criterion = criteria.find((c) => c.id === id);
  return criterion ? cleanField(criterion.title[context.lang]) : cleanField(id);
}

/** A payer's documentation checklist: each item present (with the evidence) or missing. */
function documentationSection(items: DocumentationItem[], context: NoteContext, s: NoteStrings): NoteSection {
  return {
    heading: s.documentationHeading,
    items: items.map((item) => ({
      text: `[${s.documentation[item.status]}] ${cleanField(item.title[context.lang])}`,
      details: item.evidence.map(evidenceLine),
    })),
  };
}

/** What the rule set's authors could not verify in its source (their words, in English). */
function openPointsSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  return {
    heading: s.openPointsHeading,
    paragraphs: [s.openPointsIntro],
    items: (assessment.rulesetInfo.openPoints ?? []).map((point) => ({
      text: point.criterion
        ? `${criterionTitle(assessment.criteria, point.criterion, context)} (${cleanField(point.criterion)}): ${cleanField(point.text)}`
        : cleanField(point.text),
    })),
  };
}
