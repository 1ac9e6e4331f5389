import type { Assessment } from './assessment';

/** The JSON of the command-line assessor (README, "The command-line assessor"): a subset of Assessment. */
export interface InterfaceJson {
  recommendation: Assessment['recommendation'];
  ruleset: { id: string; version: string };
  levels: string[];
  criteria: {
    id: string;
    status: string;
    evidence: { reference: string; summary: string }[];
    rationale: string;
    /** the record's status the surgeon overruled, and why (README "The surgeon decides, with a reason") */
    overruled?: { recordStatus: string; reason: string };
  }[];
  missing: { criterion: string; need: string }[];
}

export function toInterfaceJson(a: Assessment): InterfaceJson {
  return {
    recommendation: a.recommendation,
    ruleset: { id: a.ruleset.id, version: a.ruleset.version },
    levels: a.levels,
    criteria: a.criteria.map((c) => ({
      id: c.id,
      status: c.status,
      evidence: c.evidence.map((e) => ({ reference: e.reference, summary: e.summary })),
      rationale: c.rationale,
      ...(c.overruled &&
        c.chartFinding && { overruled: { recordStatus: c.chartFinding.status, reason: c.overruled.reason } }),
    })),
    missing: a.missing.map((m) => ({ criterion: m.criterion, need: m.need })),
  };
}
