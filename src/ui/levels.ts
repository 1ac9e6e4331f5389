/**
 * Vertebral levels typed by the surgeon: "T12, L1", "Th12 L1", "BWK 12, LWK 1", "HWK 5". German
 * abbreviations become the letters the engine uses (HWK → C, BWK → T, LWK → L).
 */
const GERMAN_PREFIX: Record<string, string> = { HWK: 'C', BWK: 'T', LWK: 'L', TH: 'T' };
const LEVEL = /^(C[1-7]|T(?:1[0-2]|[1-9])|L[1-5]|S1)$/;

export function parseLevels(input: string): { levels: string[]; invalid: string[] } {
  const normalised = input
    .toUpperCase()
    .replace(/\b(HWK|BWK|LWK|TH)\s*(?=\d)/g, (_, p: string) => GERMAN_PREFIX[p] ?? p);
  const tokens = normalised.split(/[\s,;]+/).filter(Boolean);
  const levels: string[] = [];
  const invalid: string[] = [];
  for (const token of tokens) {
    if (!LEVEL.test(token)) invalid.push(token);
    else if (!levels.includes(token)) levels.push(token);
  }
  return { levels, invalid };
}
