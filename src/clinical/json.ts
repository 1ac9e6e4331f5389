/**
 * Safe readers for untrusted FHIR JSON. Resources come from the wire: any field may be missing,
 * of the wrong type or absurd, so every access goes through these and never throws.
 */
export type Json = unknown;

export function obj(x: Json): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

export function arr(x: Json): unknown[] {
  return Array.isArray(x) ? x : [];
}

export function str(x: Json): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

export function num(x: Json): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

export function field(x: Json, name: string): unknown {
  return obj(x)?.[name];
}

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

/** Codings of a CodeableConcept or of a bare Coding (R4 ImagingStudy uses Coding where others use CodeableConcept). */
export function codings(x: Json): Coding[] {
  const o = obj(x);
  if (!o) return [];
  const list = Array.isArray(o.coding) ? o.coding : [o];
  const out: Coding[] = [];
  for (const c of list) {
    const system = str(field(c, 'system'));
    const code = str(field(c, 'code'));
    if (system && code) out.push({ system, code, display: str(field(c, 'display')) });
  }
  return out;
}

/** Human text of a CodeableConcept: its text and the displays of its codings, each once. */
export function conceptText(x: Json): string {
  const concept = obj(x);
  if (!concept) return '';
  // usually one or two parts: an array and includes() allocate less than a Set
  const parts: string[] = [];
  const add = (part: unknown) => {
    const text = str(part);
    if (text && !parts.includes(text)) parts.push(text);
  };
  add(concept.text);
  if (Array.isArray(concept.coding)) for (const c of concept.coding) add(field(c, 'display'));
  add(concept.display);
  return parts.length === 1 ? (parts[0] ?? '') : parts.join(' ');
}

/** The first code of a status CodeableConcept (Condition.clinicalStatus...). */
export function statusCode(x: Json): string | undefined {
  for (const c of arr(field(x, 'coding'))) {
    const code = str(field(c, 'code'));
    if (code) return code;
  }
  return undefined;
}

/** "Condition/12/_history/3" when the version is known, else "Condition/12". */
export function referenceOf(resource: Json, fallbackType: string, index: number): string {
  const type = str(field(resource, 'resourceType')) ?? fallbackType;
  const id = str(field(resource, 'id'));
  const version = str(field(field(resource, 'meta'), 'versionId'));
  if (!id) return `${type}[${index}]`;
  return version ? `${type}/${id}/_history/${version}` : `${type}/${id}`;
}

/** Texts of Annotation[] (note) */
export function notesText(x: Json): string {
  return arr(x)
    .map((n) => str(field(n, 'text')) ?? '')
    .filter(Boolean)
    .join(' ');
}
