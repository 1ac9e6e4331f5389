import { SET_ASIDE } from '../set-aside';
import type { Localized } from '../../lang';
import { addMonths, ageInDays, latestPossible } from '../dates';
import type { ClinicalFacts, ExcludedFact, Fact, ReportFact } from '../facts';
import { exclude } from '../facts/common';
import type { ClinicalType } from '../record';
import { normaliseCode, systemKey } from '../terminology/systems';
import { lesionSetsOf, levelRange, lesionsOf, onlyNonFractures } from './lesions';
import {
  collect,
  day,
  notReadRationale,
  readFully,
  threshold,
  unknownWithUnread,
  unreadLists,
  type EvalContext,
  type Evaluation,
  type ReadCheck,
} from './types';

/** report findings come from DiagnosticReports and imaging Observations */
const REPORT_READS: ClinicalType[] = ['DiagnosticReport', 'Observation'];
/** oedema is read on MRI (STIR / T2 fat-sat) or a bone scan, not on CT or plain films (docs/criteria.md, ind.fracture-acute) */
const OEDEMA_MODALITIES = new Set(['MR', 'NM']);

/**
 * A conclusion drawn from what the reports do not say ("MRI without oedema", "posterior wall
 * intact") proves nothing while some reports could not be read: a later one may say otherwise.
 */
function unreadReports(
  facts: ClinicalFacts,
  read: ReadCheck,
  evidence: Fact[],
  found: Localized,
  excluded: ExcludedFact[] = [],
): Evaluation {
  const lists = unreadLists(facts, read);
  return {
    status: 'unknown',
    evidence,
    excluded,
    supply: 'record',
    rationale: {
      en: `${found.en} ${lists.en}: another report may say otherwise.`,
      de: `${found.de} ${lists.de}: ein anderer Befund kann Abweichendes zeigen.`,
    },
  };
}

export function imaging({ facts, def }: EvalContext<'imaging'>): Evaluation {
  const days = threshold(def, 'windowWeeks') * 7;
  const candidates: (Fact & { modality?: string; spine: boolean })[] = [
    ...facts.imaging,
    ...facts.reports.filter((r) => r.modality),
  ];
  const good = candidates.filter((c) => c.spine && (c.modality === 'MR' || c.modality === 'CT'));
  const recent = good.filter((c) => c.date && ageInDays(c.date, facts.now) <= days);
  const excluded: ExcludedFact[] = [
    ...good
      .filter((c) => !recent.includes(c))
      .slice(0, 3)
      .map((c) => exclude(c, SET_ASIDE.olderThanWeeks(days / 7))),
    ...candidates
      .filter((c) => !c.spine)
      .slice(0, 3)
      .map((c) => exclude(c, SET_ASIDE.notSpine)),
    ...candidates
      .filter((c) => c.spine && c.modality === 'NM')
      .slice(0, 3)
      .map((c) => exclude(c, SET_ASIDE.boneScan)),
    ...facts.imagingExcluded.slice(0, 5),
  ];
  if (recent.length)
    return {
      status: 'met',
      evidence: recent.slice(0, 3),
      excluded,
      rationale: {
        en: `Spine ${recent[0]?.modality} on ${day(recent[0]?.date, facts.now)}.`,
        de: `${recent[0]?.modality} der Wirbelsäule am ${day(recent[0]?.date, facts.now)}.`,
      },
    };
  const read = readFully(facts, ['ImagingStudy', ...REPORT_READS, 'Procedure']);
  // a finding, not advice: what to order is the criterion's caution, and only where the lists were read
  return {
    status: 'unknown',
    evidence: [],
    excluded,
    supply: read.full ? 'order' : 'record',
    rationale: read.full
      ? ({
          en: `No spine MRI or CT in the last ${days / 7} weeks.`,
          de: `Kein MRT/CT der Wirbelsäule in den letzten ${days / 7} Wochen.`,
        } satisfies Localized)
      : notReadRationale(facts, read, {
          en: `a spine MRI or CT of the last ${days / 7} weeks`,
          de: `ein MRT/CT der Wirbelsäule der letzten ${days / 7} Wochen`,
        }),
  };
}

/** ICD-10-CM S22.0x/S32.0x with 6th character 1 or 2: stable or unstable burst fracture */
function burstFractures(ctx: EvalContext): Fact[] {
  return collect(ctx.facts.conditions.found, ctx.def.valueSets).filter((f) => {
    const key = systemKey(f.match.coding.system);
    if (key !== 'icd10-cm') return false;
    const code = normaliseCode(key, f.match.coding.code);
    return (code.startsWith('S220') || code.startsWith('S320')) && (code[5] === '1' || code[5] === '2');
  });
}

export function posteriorWall(ctx: EvalContext<'posterior-wall'>): Evaluation {
  const bursts = burstFractures(ctx);
  if (bursts.length)
    return {
      status: 'met',
      evidence: bursts,
      excluded: [],
      rationale: {
        en: `Burst fracture coded (${bursts[0]?.summary}): the posterior wall is involved.`,
        de: `Berstungsfraktur kodiert (${bursts[0]?.summaryText.de}): Hinterkante beteiligt.`,
      },
    };
  const report = ctx.facts.reports.find((r) => r.posteriorWall);
  if (report?.posteriorWall === 'disrupted')
    return {
      status: 'met',
      evidence: [report],
      excluded: [],
      rationale: {
        en: `Report: posterior wall disrupted (${report.summary}).`,
        de: `Befund: Hinterkante beteiligt (${report.summaryText.de}).`,
      },
    };
  const read = readFully(ctx.facts, REPORT_READS);
  if (report?.posteriorWall === 'intact') {
    const rationale: Localized = {
      en: `Report: posterior wall intact (${report.summary}).`,
      de: `Befund: Hinterkante intakt (${report.summaryText.de}).`,
    };
    return read.full
      ? { status: 'not-met', evidence: [report], excluded: [], rationale }
      : unreadReports(ctx.facts, read, [report], rationale);
  }
  return unknownWithUnread(ctx.facts, REPORT_READS, {
    status: 'unknown',
    evidence: [],
    excluded: [],
    supply: 'answer',
    rationale: {
      en: 'The posterior wall is not described in the record.',
      de: 'Die Hinterkante ist in der Akte nicht beschrieben.',
    },
  });
}

/** met by a coded finding (burst fracture) only; report text is shown, but the surgeon confirms (docs/criteria.md, rc.posterior-wall) */
export function posteriorWallAssessed(ctx: EvalContext<'posterior-wall-assessed'>): Evaluation {
  const bursts = burstFractures(ctx);
  if (bursts.length)
    return {
      status: 'met',
      evidence: bursts,
      excluded: [],
      rationale: {
        en: `Assessed: burst fracture coded (${bursts[0]?.summary}).`,
        de: `Beurteilt: Berstungsfraktur kodiert (${bursts[0]?.summaryText.de}).`,
      },
    };
  const report = ctx.facts.reports.find((r) => r.posteriorWall);
  if (report) {
    return {
      status: 'unknown',
      evidence: [report],
      excluded: [],
      supply: 'answer',
      rationale: {
        en: `The report describes the posterior wall as ${report.posteriorWall} (${report.summary}): please confirm.`,
        de: `Der Befund beschreibt die Hinterkante als ${report.posteriorWall === 'intact' ? 'intakt' : 'beteiligt'} (${report.summaryText.de}): bitte bestätigen.`,
      },
    };
  }
  return unknownWithUnread(ctx.facts, REPORT_READS, {
    status: 'unknown',
    evidence: [],
    excluded: [],
    supply: 'answer',
    rationale: {
      en: 'No assessment of the posterior wall on MRI/CT is recorded: only the surgeon can answer.',
      de: 'Keine Beurteilung der Hinterkante im MRT/CT dokumentiert: nur der Operateur kann antworten.',
    },
  });
}

export function vertebraPlana({ facts, def }: EvalContext<'vertebra-plana'>): Evaluation {
  const limit = threshold(def, 'heightLossAbove');
  const severe = facts.reports.find((r) => r.vertebraPlana || (r.heightLoss ?? 0) > limit);
  if (severe)
    return {
      status: 'met',
      evidence: [severe],
      excluded: [],
      rationale: {
        en: `Severe collapse reported (${severe.summary}).`,
        de: `Schwere Sinterung befundet (${severe.summaryText.de}).`,
      },
    };
  const measured = facts.reports.find((r) => r.heightLoss !== undefined);
  const read = readFully(facts, REPORT_READS);
  if (measured) {
    const rationale: Localized = {
      en: `Height loss ${measured.heightLoss} % (≤ ${limit} %).`,
      de: `Höhenminderung ${measured.heightLoss} % (≤ ${limit} %).`,
    };
    return read.full
      ? { status: 'not-met', evidence: [measured], excluded: [], rationale }
      : unreadReports(facts, read, [measured], rationale);
  }
  return read.full
    ? {
        status: 'not-met',
        evidence: [],
        excluded: [],
        rationale: { en: 'No severe collapse is reported.', de: 'Keine schwere Sinterung befundet.' },
      }
    : {
        status: 'unknown',
        evidence: [],
        excluded: [],
        supply: 'record',
        rationale: notReadRationale(facts, read, { en: 'height loss', de: 'Höhenminderung' }),
      };
}

export function fractureAcute({ facts, def }: EvalContext<'fracture-acute'>): Evaluation {
  const lesions = lesionsOf(facts, lesionSetsOf(def), levelRange(def));
  if (onlyNonFractures(lesions))
    return {
      status: 'met',
      evidence: lesions.counted.map((l) => l.fact),
      excluded: [],
      rationale: {
        en: 'Not required for malignant osteolysis or haemangioma.',
        de: 'Bei maligner Osteolyse oder Hämangiom nicht erforderlich.',
      },
    };
  const months = threshold(def, 'healedMonths');
  const limit = addMonths(facts.now, -months);
  const fractures = lesions.counted
    .filter((l) => l.subtype !== 'malignant' && l.subtype !== 'haemangioma')
    .map((l) => l.fact);
  // imaging from before the fracture, or older than the healing window, says nothing about its age
  const onsets = fractures.map((f) => f.onset?.getTime()).filter((t): t is number => t !== undefined);
  const floor = Math.max(limit.getTime(), onsets.length ? Math.min(...onsets) - 7 * 86_400_000 : -Infinity);
  const whyNotCounted = (r: ReportFact): Localized | undefined =>
    !r.spine
      ? SET_ASIDE.notSpine
      : !OEDEMA_MODALITIES.has(r.modality ?? '')
        ? SET_ASIDE.oedemaModality
        : (r.date?.getTime() ?? -Infinity) < floor
          ? SET_ASIDE.beforeFracture(months)
          : undefined;
  const judged = facts.reports.filter((r) => r.oedema).map((r) => ({ report: r, why: whyNotCounted(r) }));
  const report = judged.find((j) => !j.why)?.report;
  const excluded: ExcludedFact[] = judged.flatMap((j) => (j.why ? [exclude(j.report, j.why)] : [])).slice(0, 3);
  const read = readFully(facts, REPORT_READS);
  if (report?.oedema === 'present')
    return {
      status: 'met',
      evidence: [report],
      excluded,
      rationale: {
        en: `Oedema on imaging (${report.summary}): fracture not healed.`,
        de: `Ödem in der Bildgebung (${report.summaryText.de}): Fraktur nicht verheilt.`,
      },
    };
  if (report?.oedema === 'absent') {
    const rationale: Localized = {
      en: `Imaging without oedema (${report.summary}): healed fracture.`,
      de: `Bildgebung ohne Ödem (${report.summaryText.de}): verheilte Fraktur.`,
    };
    return read.full
      ? { status: 'not-met', evidence: [report], excluded, rationale }
      : unreadReports(facts, read, [report], rationale, excluded);
  }
  const dated = fractures.filter((f) => f.onset ?? f.date);
  // an onset written as a year or month is old only if its latest possible day is ("2025" may be December)
  const allOld =
    fractures.length > 0 &&
    dated.length === fractures.length &&
    dated.every((f) => latestPossible((f.onset ?? f.date) as Date, facts.now).getTime() < limit.getTime());
  if (allOld) {
    const rationale: Localized = {
      en: `Fracture onset more than ${months} months ago and no oedema documented: healed fracture.`,
      de: `Frakturbeginn vor mehr als ${months} Monaten, kein Ödem dokumentiert: verheilte Fraktur.`,
    };
    return read.full
      ? { status: 'not-met', evidence: fractures, excluded, rationale }
      : unreadReports(facts, read, fractures, rationale, excluded);
  }
  return {
    status: 'unknown',
    evidence: fractures,
    excluded,
    supply: read.full ? 'order' : 'record',
    rationale: read.full
      ? ({
          en: 'No MRI/bone-scan finding on oedema: the age of the fracture is not established.',
          de: 'Kein MRT-/Szintigraphie-Befund zum Ödem: das Frakturalter ist nicht geklärt.',
        } satisfies Localized)
      : notReadRationale(facts, read, {
          en: 'oedema on MRI or bone scan (the age of the fracture)',
          de: 'Ödem in MRT oder Szintigraphie (Frakturalter)',
        }),
  };
}
