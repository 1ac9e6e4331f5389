import type { Assessment, CriterionGroup, CriterionResult } from '../clinical/assessment';
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

export function buildNoteModel(assessment: Assessment, context: NoteContext): NoteModel {
  const s = NOTE_STRINGS[context.lang];
  const app = context.app ?? { name: APP_NAME, version: APP_VERSION };
  return {
    lang: context.lang,
    title: s.title,
    verdict: s.recommendation[assessment.recommendation],
    facts: headerFacts(assessment, context, s),
    sections: [
      recommendationSection(assessment, context, s),
      ...GROUP_ORDER.map((group) => criteriaSection(assessment, group, context, s)).filter(
        (section): section is NoteSection => section !== undefined,
      ),
      missingSection(assessment, context, s),
      answersSection(assessment, context, s),
      ...(context.override ?? assessment.override ? [overrideSection(assessment, context, s)] : []),
      unreadSection(assessment, s),
      { heading: s.expectedOutcomeHeading, paragraphs: EXPECTED_OUTCOME.map((p) => p[context.lang]) },
      citationsSection(assessment, s),
    ],
    footer: [s.generatedBy(cleanField(app.name), cleanField(app.version)), s.disclaimer],
  };
}

function headerFacts(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteModel['facts'] {
  const patient = [context.patient.display, context.patient.reference].filter(Boolean).map(cleanField);
  const author = context.author
    ? [context.author.display, context.author.reference].filter(Boolean).map(cleanField).join(', ')
    : s.unknownAuthor;
  const ruleSet = assessment.rulesetInfo;
  const facts = [
    { label: s.patient, value: patient.join(', ') },
    { label: s.signedAt, value: context.signedAt },
    { label: s.signedBy, value: author },
    ...(context.encounter ? [{ label: s.encounter, value: cleanField(context.encounter) }] : []),
    { label: s.dataAsOf, value: cleanField(assessment.assessedAt) },
    {
      label: s.ruleSet,
      value: `${cleanField(ruleSet.title[context.lang])} (${cleanField(assessment.ruleset.id)} ${cleanField(assessment.ruleset.version)})`,
    },
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
    .map((c) => `${cleanField(c.title[context.lang])}: ${cleanField(c.rationaleText[context.lang])}`);
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
      overridden
        ? `${verdict} (${s.overriddenFrom(s.recommendation[assessment.computedRecommendation])})`
        : verdict,
    ].filter(Boolean),
    items,
  };
}

/** criteria.md: a caution applies to a met relative contraindication or an unmet requirement. */
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
          text: `${criterionTitle(assessment, m.criterion, context)}: ${cleanField(m.needText[context.lang])}`,
        })),
      }
    : { heading: s.missingHeading, paragraphs: [s.nothingMissing] };
}

function answersSection(assessment: Assessment, context: NoteContext, s: NoteStrings): NoteSection {
  const answers = Object.entries(context.answers);
  if (!answers.length) return { heading: s.answersHeading, paragraphs: [s.noAnswers] };
  return {
    heading: s.answersHeading,
    items: answers.map(([criterion, answer]) => ({
      text: `${criterionTitle(assessment, criterion, context)}: ${answerLabel(assessment, criterion, answer, context, s)} (${s.surgeonsAnswer})`,
      details: answerDetails(answer, s),
    })),
  };
}

/** The option the surgeon chose, in the question's words ("Intact"), with the status it gives. */
function answerLabel(assessment: Assessment, id: string, answer: SurgeonAnswer, context: NoteContext, s: NoteStrings): string {
  const status = s.status[answer.status] ?? cleanField(answer.status);
  const option = assessment.criteria
    .find((c) => c.id === id)
    ?.question?.options?.find((o) => o.status === answer.status)?.label[context.lang];
  return option ? `${cleanField(option)} (${status})` : status;
}

function answerDetails(answer: SurgeonAnswer, s: NoteStrings): string[] {
  return [
    answer.levels?.length ? `${s.answerLevels}: ${answer.levels.map(cleanField).join(', ')}` : '',
    answer.value !== undefined ? `${s.answerValue}: ${cleanField(answer.value)}` : '',
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
          s.overrideLine(s.recommendation[override.recommendation] ?? cleanField(override.recommendation), cleanField(override.at)),
          `${s.overrideReason}: ${cleanField(override.reason)}`,
        ]
      : [],
  };
}

function unreadSection(assessment: Assessment, s: NoteStrings): NoteSection {
  const unread = Object.entries(assessment.reads).filter(([, read]) => read.state !== 'full');
  return unread.length
    ? {
        heading: s.unreadHeading,
        items: unread.map(([type, read]) => ({
          text: `${cleanField(type)}: ${s.readState[read.state] ?? cleanField(read.state)}${read.reason ? ` (${cleanField(read.reason)})` : ''}`,
        })),
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

function criterionTitle(assessment: Assessment, id: string, context: NoteContext): string {
  const criterion = assessment.criteria.find((c) => c.id === id);
  return criterion ? cleanField(criterion.title[context.lang]) : cleanField(id);
}
