import { useState } from 'react';
import type { Assessment, CriterionResult, Question } from '../clinical/assessment';
import type { SurgeonAnswers } from '../clinical/answers';

export type Askable = CriterionResult & { question: Question };

/** One question on screen: asked once, whatever number of criteria or rule sets it answers. */
export interface AskedQuestion {
  /** the key its answer is stored under: the criterion's id, or a question several criteria share (the care setting) */
  key: string;
  /** the criterion whose question is shown: its title, options and chart finding */
  criterion: Askable;
  /**
   * criteria asked with it (their question's `askedWith` names it): their options that it leaves
   * out are added to it ("Not assessed yet" beside "Intact / Disrupted"), each answering them
   */
  companions: Askable[];
  /** only the payer's rule set asks it: listed apart, and not at all when the clinical verdict says no */
  payerOnly: boolean;
  /** the record leaves it open (the engine asks for the answer, or the criterion is unknown) */
  open: boolean;
}

/** The criteria the engine lists as missing the surgeon's answer. */
export function openQuestions(assessment: Assessment): ReadonlySet<string> {
  return new Set(assessment.missing.filter((m) => m.supply === 'answer').map((m) => m.criterion));
}

/** The element a criterion's question is in, for "Go to the question". */
export function questionAnchor(question: Question): string {
  return `question-${question.askedWith ?? question.criterion}`;
}

/**
 * Every question of the assessments, each once: by its answer key (criteria rule sets share, among
 * them two payers', and a shared question, are asked once), a question asked with another folded
 * into it, the guideline's first, then each payer's in the site's order.
 */
export function planQuestions(guideline: Assessment, coverages: readonly Assessment[] = []): AskedQuestion[] {
  const assessments = [guideline, ...coverages];
  const open = new Set(assessments.flatMap((a) => [...openQuestions(a)]));
  const clinical = new Set(guideline.criteria.map((c) => c.id));
  const askable = assessments.flatMap((a) => a.criteria).filter((c): c is Askable => c.question !== undefined);
  const isOpen = (c: Askable) => open.has(c.id) || c.status === 'unknown';
  const byKey = new Map<string, AskedQuestion>();
  for (const c of askable) {
    if (c.question.askedWith) continue;
    const key = c.question.criterion;
    const known = byKey.get(key);
    if (known) {
      known.open ||= isOpen(c);
      known.payerOnly &&= !clinical.has(c.id);
    } else byKey.set(key, { key, criterion: c, companions: [], payerOnly: !clinical.has(c.id), open: isOpen(c) });
  }
  for (const c of askable) {
    const host = c.question.askedWith === undefined ? undefined : byKey.get(c.question.askedWith);
    if (c.question.askedWith === undefined) continue;
    if (!host) {
      // the question it belongs to is not asked here: it is asked on its own
      byKey.set(c.question.criterion, {
        key: c.question.criterion,
        criterion: c,
        companions: [],
        payerOnly: !clinical.has(c.id),
        open: isOpen(c),
      });
    } else if (!host.companions.some((other) => other.id === c.id)) {
      host.companions.push(c);
      host.open ||= isOpen(c);
    }
  }
  return [...byKey.values()];
}

/**
 * The questions shown with the verdict: the open ones, and those answered (so an answer never moves
 * a question away from the focus); a question stays where it was first shown. The rest (the surgeon
 * may correct any criterion the rule set lets them decide) are listed with all the criteria.
 */
export function usePinnedQuestions(
  planned: AskedQuestion[],
  answers: SurgeonAnswers,
): { asked: AskedQuestion[]; others: AskedQuestion[] } {
  const answered = (q: AskedQuestion) =>
    [q.key, ...q.companions.map((c) => c.question.criterion)].some((k) => answers[k] !== undefined);
  // pinned: shown with the verdict for good; seen: placed once (answered in the full list, it stays there)
  const [placed, setPlaced] = useState<{ pinned: ReadonlySet<string>; seen: ReadonlySet<string> }>({
    pinned: new Set(),
    seen: new Set(),
  });
  const toPin = planned.filter(
    (q) => !placed.pinned.has(q.key) && (q.open || (!placed.seen.has(q.key) && answered(q))),
  );
  const unseen = planned.filter((q) => !placed.seen.has(q.key));
  if (toPin.length > 0 || unseen.length > 0)
    setPlaced({
      pinned: new Set([...placed.pinned, ...toPin.map((q) => q.key)]),
      seen: new Set([...placed.seen, ...unseen.map((q) => q.key)]),
    });
  const shown = (q: AskedQuestion) => placed.pinned.has(q.key) || q.open || (!placed.seen.has(q.key) && answered(q));
  return { asked: planned.filter(shown), others: planned.filter((q) => !shown(q)) };
}
