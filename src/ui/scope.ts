/** Which rule set a panel shows when two are shown side by side. */
export interface PaneScope {
  /** prefixes the panel's element ids and test ids, so two panels of one kind never share an id */
  idPrefix: string;
  /** the rule set in the surgeon's words: "Clinical guideline", "Payer coverage" */
  label: string;
}
