/**
 * Safe readers for untrusted FHIR JSON. Resources come from the wire: any field may be missing,
 * of the wrong type or absurd, so every access goes through these and never throws.
 */
export type Json = unknown;

export function obj(x: Json): Record<string, unknown> | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

const NONE: readonly unknown[] = Object.freeze([]);

/** the array, or one shared empty array (most optional lists are absent) */
export function arr(x: Json): readonly unknown[] {
  return Array.isArray(x) ? x : NONE;
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
  const parts: string[] = [];
  addOnce(parts, concept.text);
  if (Array.isArray(concept.coding)) for (const c of concept.coding) addOnce(parts, field(c, 'display'));
  addOnce(parts, concept.display);
  return parts.length === 1 ? (parts[0] ?? '') : parts.join(' ');
}

/** One name for a concept, as a reader wants it: its text, else the first display (the drug's name once, not three variants). */
export function conceptName(x: Json): string {
  const concept = obj(x);
  if (!concept) return '';
  const text = str(concept.text);
  if (text) return text;
  if (Array.isArray(concept.coding))
    for (const c of concept.coding) {
      const display = str(field(c, 'display'));
      if (display) return display;
    }
  return str(concept.display) ?? '';
}

/** usually one or two parts: an array and includes() cost less than a Set */
function addOnce(parts: string[], x: Json): void {
  const text = str(x);
  if (text && !parts.includes(text)) parts.push(text);
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
  const notes = arr(x);
  if (!notes.length) return '';
  return notes
    .map((n) => str(field(n, 'text')) ?? '')
    .filter(Boolean)
    .join(' ');
}
