/**
 * Server text is shown to the surgeon and may end up in error reports, so it loses everything that
 * could identify a patient or open a session: URLs, bearer tokens, JWTs, resource ids, long
 * identifiers. HAPI escapes quotes as HTML entities inside its diagnostics; those are decoded so the
 * text reads well (it is always rendered as text, never as HTML).
 */
const MAX_SERVER_MESSAGE_LENGTH = 300;

const REDACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[address]'],
  [/\bbearer\s+\S+/gi, 'Bearer [token]'],
  [/\beyJ[\w-]+\.[\w-]+(?:\.[\w-]+)?/g, '[token]'],
  [/\b(access_token|refresh_token|id_token|code|state|patient|subject|_getpages)=[^\s&"']+/gi, '$1=[redacted]'],
  [/\b([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}\b/g, '$1/[id]'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]'],
  [/\b(?=[A-Za-z0-9\-_]*\d)[A-Za-z0-9\-_]{16,}\b/g, '[id]'],
];

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

export function redactServerText(text: string): string {
  let clean = text.replace(/&(quot|#39|apos|lt|gt|amp);/g, (entity) => ENTITIES[entity] ?? entity);
  for (const [pattern, replacement] of REDACTIONS) clean = clean.replace(pattern, replacement);
  clean = clean.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_SERVER_MESSAGE_LENGTH ? `${clean.slice(0, MAX_SERVER_MESSAGE_LENGTH - 1)}…` : clean;
}

/** The human-readable text of an OperationOutcome (diagnostics, else details.text), redacted. */
export function operationOutcomeText(body: unknown): string | undefined {
  if (!isRecord(body) || body.resourceType !== 'OperationOutcome' || !Array.isArray(body.issue)) return undefined;
  const texts = body.issue
    .map((issue: unknown) => {
      if (!isRecord(issue)) return undefined;
      if (typeof issue.diagnostics === 'string' && issue.diagnostics.trim()) return issue.diagnostics;
      const details = issue.details;
      return isRecord(details) && typeof details.text === 'string' && details.text.trim() ? details.text : undefined;
    })
    .filter((text): text is string => text !== undefined);
  return texts.length > 0 ? redactServerText(texts.join('; ')) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
