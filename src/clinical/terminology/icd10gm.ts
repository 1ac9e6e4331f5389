import { arr, field, obj, str, type Coding } from '../json';
import { systemKey } from './systems';

/**
 * ICD-10-GM as German EHRs send it. A diagnosis may be a primary code with a manifestation (star)
 * or an additional (exclamation) code: written in one string ("G06.1† M49.2*", "A18.0+ M49.0*",
 * "S32.01 U69.1!"), or as the fhir.de extensions on the coding (basisprofil-de-r4 before 1.0:
 * icd-10-gm-primaercode / -manifestationscode / -ausrufezeichen, earlier -haupt-kreuz / -stern).
 * Each part is a code of its own and is matched on its own. The KBV qualifiers travel with the
 * coding, as extensions (icd-10-gm-diagnosesicherheit, seitenlokalisation) or written after the
 * code ("M80.08 V", "S32.01G", "M54.4 R"), although the basisprofil wants them only in the
 * extensions (invariant icd-regex).
 */

/** Diagnosesicherheit (KBV_CS_SFHIR_ICD_DIAGNOSESICHERHEIT): ausgeschlossen, gesichert, Verdacht, Zustand nach */
export type Certainty = 'A' | 'G' | 'V' | 'Z';
/** Seitenlokalisation (KBV_CS_SFHIR_ICD_SEITENLOKALISATION): links, rechts, beiderseits, unbekannt */
export type Side = 'L' | 'R' | 'B' | 'U';

/** a coding of a diagnosis, with the qualifiers of the ICD-10-GM coding it came from */
export interface DiagnosisCoding extends Coding {
  certainty?: Certainty;
  side?: Side;
}

const BASIS = 'http://fhir.de/StructureDefinition/';
const PART_EXTENSIONS = new Set(
  [
    'icd-10-gm-primaercode',
    'icd-10-gm-manifestationscode',
    'icd-10-gm-ausrufezeichen',
    'icd-10-gm-haupt-kreuz',
    'icd-10-gm-stern',
  ].map((name) => BASIS + name),
);
const CERTAINTY_EXTENSION = `${BASIS}icd-10-gm-diagnosesicherheit`;
const SIDE_EXTENSION = `${BASIS}seitenlokalisation`;

const CERTAINTIES = new Set<string>(['A', 'G', 'V', 'Z']);
const SIDES = new Set<string>(['L', 'R', 'B', 'U']);
/** the marks of multiple coding: dagger (also written +), star, exclamation mark */
const MARKS = new Set(['†', '+', '*', '!']);
/** one code: a letter, two digits, then up to four characters after an optional dot ("M80.08", "S3201", "Z33") */
const CODE = /[A-Z]\d{2}(?:\.?[0-9-]{1,4})?/y;

export interface WrittenCode {
  parts: string[];
  certainty?: Certainty;
  side?: Side;
}

function isLetterOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Z0-9]/.test(ch);
}

/**
 * The codes and qualifiers of an ICD-10-GM code string: "G06.1† M49.2*" → G06.1, M49.2;
 * "M80.08 V" → M80.08, suspected. Undefined when the string is not made of those pieces: it is then
 * matched as written, as before.
 */
export function splitGmCode(code: string): WrittenCode | undefined {
  const s = code.toUpperCase();
  const written: WrittenCode = { parts: [] };
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    if (ch === ' ' || ch === '\t' || MARKS.has(ch)) {
      i++;
      continue;
    }
    CODE.lastIndex = i;
    const m = CODE.exec(s);
    if (m && !/[0-9]/.test(s[i + m[0].length] ?? '')) {
      written.parts.push(code.slice(i, i + m[0].length).trim());
      i += m[0].length;
      continue;
    }
    // a qualifier is one letter standing alone or right after a code ("S32.01G")
    if (isLetterOrDigit(s[i + 1])) return undefined;
    if (CERTAINTIES.has(ch)) written.certainty ??= ch as Certainty;
    else if (SIDES.has(ch)) written.side ??= ch as Side;
    else return undefined;
    i++;
  }
  return written.parts.length ? written : undefined;
}

function extensionCode(coding: unknown, url: string): string | undefined {
  for (const e of arr(field(coding, 'extension')))
    if (str(field(e, 'url')) === url)
      return str(field(field(e, 'valueCoding'), 'code'))
        ?.trim()
        .toUpperCase();
  return undefined;
}

/**
 * The codings of a diagnosis's CodeableConcept, each ICD-10-GM code string split into its parts
 * and the codes of the fhir.de part extensions added, every part carrying the coding's qualifiers.
 * Other systems pass through as `codings` reads them.
 */
export function diagnosisCodings(concept: unknown): DiagnosisCoding[] {
  const o = obj(concept);
  if (!o) return [];
  const out: DiagnosisCoding[] = [];
  for (const c of Array.isArray(o.coding) ? o.coding : [o]) {
    const system = str(field(c, 'system'));
    const code = str(field(c, 'code'));
    if (!system || !code) continue;
    const display = str(field(c, 'display'));
    if (systemKey(system) !== 'icd10-gm') {
      out.push({ system, code, display });
      continue;
    }
    const written = splitGmCode(code);
    const certaintyCode = extensionCode(c, CERTAINTY_EXTENSION);
    const sideCode = extensionCode(c, SIDE_EXTENSION);
    const certainty =
      certaintyCode && CERTAINTIES.has(certaintyCode) ? (certaintyCode as Certainty) : written?.certainty;
    const side = sideCode && SIDES.has(sideCode) ? (sideCode as Side) : written?.side;
    const parts = written && (written.parts.length > 1 || certainty || side) ? written.parts : [code];
    for (const e of arr(field(c, 'extension'))) {
      if (!PART_EXTENSIONS.has(str(field(e, 'url')) ?? '')) continue;
      const part = str(field(field(e, 'valueCoding'), 'code'));
      const partSystem = str(field(field(e, 'valueCoding'), 'system')) ?? system;
      if (part && systemKey(partSystem) === 'icd10-gm') parts.push(...(splitGmCode(part)?.parts ?? [part]));
    }
    const seen = new Set<string>();
    for (const part of parts) {
      const key = part.toUpperCase().replace(/[.\s†+*!]/g, '');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ system, code: part, display, ...(certainty && { certainty }), ...(side && { side }) });
    }
  }
  return out;
}
