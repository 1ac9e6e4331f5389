import type { SearchNeeds } from './clinical/search-needs';

// what the build writes into the code (vite.config.ts `define`)
declare global {
  /** each rule set's reads' filters (searchNeedsByRuleSet in src/fhir/rule-set-reads.ts), for index.html's boot code */
  const SEARCH_NEEDS_BY_RULE_SET: Readonly<Record<string, SearchNeeds>>;
}
