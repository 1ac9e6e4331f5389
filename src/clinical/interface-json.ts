import type { Assessment } from './assessment';

/** The JSON of design.md interface 2 (the command-line assessor): a subset of Assessment. */
export interface InterfaceJson {
  recommendation: Assessment['recommendation'];
  ruleset: { id: string; version: string };
  levels: string[];
  criteria: { id: string; status: string; evidence: { reference: string; summary: string }[]; rationale: string }[];
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
    })),
    missing: a.missing.map((m) => ({ criterion: m.criterion, need: m.need })),
  };
}
