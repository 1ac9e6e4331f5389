import type { Resource } from './store';

/**
 * FHIR search over the store: the parameters the app uses, per type, as data; token, reference,
 * date and string matching with the R4 semantics (comma = OR, repeated parameter = AND, date
 * prefixes, precision ranges). Anything else is rejected as HAPI rejects it, with a 400.
 */

type Kind = 'token' | 'reference' | 'date' | 'string';
interface ParamDef {
  kind: Kind;
  /** dot paths into the resource; arrays are flattened on the way */
  paths: string[];
}

const p = (kind: Kind, ...paths: string[]): ParamDef => ({ kind, paths });
const subject = {
  patient: p('reference', 'subject'),
  subject: p('reference', 'subject'),
  encounter: p('reference', 'encounter'),
};

export const SEARCH_PARAMS: Record<string, Record<string, ParamDef>> = {
  Patient: {
    identifier: p('token', 'identifier'),
    name: p('string', 'name.family', 'name.given', 'name.text'),
    family: p('string', 'name.family'),
    given: p('string', 'name.given'),
    birthdate: p('date', 'birthDate'),
    gender: p('token', 'gender'),
  },
  Condition: {
    ...subject,
    code: p('token', 'code'),
    category: p('token', 'category'),
    'clinical-status': p('token', 'clinicalStatus'),
    'verification-status': p('token', 'verificationStatus'),
    'onset-date': p('date', 'onsetDateTime', 'onsetPeriod'),
    'abatement-date': p('date', 'abatementDateTime', 'abatementPeriod'),
    'recorded-date': p('date', 'recordedDate'),
    'body-site': p('token', 'bodySite'),
    identifier: p('token', 'identifier'),
  },
  Observation: {
    ...subject,
    code: p('token', 'code'),
    category: p('token', 'category'),
    status: p('token', 'status'),
    date: p('date', 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant'),
    identifier: p('token', 'identifier'),
  },
  ImagingStudy: {
    ...subject,
    modality: p('token', 'modality', 'series.modality'),
    bodysite: p('token', 'series.bodySite'),
    started: p('date', 'started'),
    status: p('token', 'status'),
    identifier: p('token', 'identifier'),
  },
  AllergyIntolerance: {
    patient: p('reference', 'patient'),
    code: p('token', 'code', 'reaction.substance'),
    'clinical-status': p('token', 'clinicalStatus'),
    'verification-status': p('token', 'verificationStatus'),
    category: p('token', 'category'),
    criticality: p('token', 'criticality'),
    type: p('token', 'type'),
    date: p('date', 'recordedDate'),
    identifier: p('token', 'identifier'),
  },
  DiagnosticReport: {
    ...subject,
    code: p('token', 'code'),
    category: p('token', 'category'),
    status: p('token', 'status'),
    conclusion: p('token', 'conclusionCode'),
    date: p('date', 'effectiveDateTime', 'effectivePeriod'),
    issued: p('date', 'issued'),
    identifier: p('token', 'identifier'),
  },
  MedicationRequest: {
    ...subject,
    code: p('token', 'medicationCodeableConcept'),
    medication: p('reference', 'medicationReference'),
    status: p('token', 'status'),
    intent: p('token', 'intent'),
    category: p('token', 'category'),
    authoredon: p('date', 'authoredOn'),
    identifier: p('token', 'identifier'),
  },
  MedicationStatement: {
    ...subject,
    code: p('token', 'medicationCodeableConcept'),
    medication: p('reference', 'medicationReference'),
    status: p('token', 'status'),
    category: p('token', 'category'),
    effective: p('date', 'effectiveDateTime', 'effectivePeriod'),
    identifier: p('token', 'identifier'),
  },
  Procedure: {
    ...subject,
    code: p('token', 'code'),
    status: p('token', 'status'),
    category: p('token', 'category'),
    date: p('date', 'performedDateTime', 'performedPeriod'),
    identifier: p('token', 'identifier'),
  },
  Encounter: {
    ...subject,
    status: p('token', 'status'),
    class: p('token', 'class'),
    type: p('token', 'type'),
    date: p('date', 'period'),
    identifier: p('token', 'identifier'),
  },
  DocumentReference: {
    patient: p('reference', 'subject'),
    subject: p('reference', 'subject'),
    encounter: p('reference', 'context.encounter'),
    type: p('token', 'type'),
    category: p('token', 'category'),
    status: p('token', 'status'),
    date: p('date', 'date'),
    period: p('date', 'context.period'),
    identifier: p('token', 'identifier', 'masterIdentifier'),
  },
  Provenance: {
    target: p('reference', 'target'),
    patient: p('reference', 'target'),
    agent: p('reference', 'agent.who'),
    recorded: p('date', 'recorded'),
  },
  Practitioner: { identifier: p('token', 'identifier'), name: p('string', 'name.family', 'name.given', 'name.text') },
  Organization: { identifier: p('token', 'identifier'), name: p('string', 'name') },
  Location: { identifier: p('token', 'identifier'), name: p('string', 'name') },
  Medication: { code: p('token', 'code'), identifier: p('token', 'identifier') },
};

/** Every type also knows these. */
const COMMON: Record<string, ParamDef> = { _id: p('token', 'id'), _lastUpdated: p('date', 'meta.lastUpdated') };

/** Result parameters: they shape the answer, not the match. */
export const RESULT_PARAMS = new Set([
  '_count',
  '_sort',
  '_sort:asc',
  '_sort:desc',
  '_total',
  '_format',
  '_pretty',
  '_summary',
  '_elements',
  '_include',
]);

/** Types the sample patients bring that the server stores but only finds by patient and id. */
const FALLBACK: Record<string, ParamDef> = {
  patient: p('reference', 'patient', 'subject'),
  subject: p('reference', 'subject'),
};

export function paramsOf(type: string): Record<string, ParamDef> {
  return { ...COMMON, ...(SEARCH_PARAMS[type] ?? FALLBACK) };
}

export class SearchError extends Error {}

// ---- value extraction ----------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const node of current) {
      if (!isObject(node)) continue;
      const value = node[segment];
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  return current;
}

interface Token {
  system?: string;
  code?: string;
  text?: string;
}

function tokens(value: unknown): Token[] {
  if (typeof value === 'string' || typeof value === 'boolean') return [{ code: String(value) }];
  if (!isObject(value)) return [];
  if (Array.isArray(value.coding))
    return (value.coding as unknown[]).flatMap(tokens).map((t) => ({ ...t, text: value.text as string | undefined }));
  if (typeof value.value === 'string') return [{ system: value.system as string | undefined, code: value.value }];
  if (typeof value.code === 'string')
    return [
      { system: value.system as string | undefined, code: value.code, text: value.display as string | undefined },
    ];
  return value.text ? [{ text: String(value.text) }] : [];
}

/** [low, high) in ms of a FHIR date, dateTime or instant at its precision. */
export function dateRange(text: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
    text,
  );
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  if (!mo) return [Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)];
  const month = Number(mo) - 1;
  if (!d) return [Date.UTC(year, month, 1), Date.UTC(year, month + 1, 1)];
  const day = Number(d);
  if (!h) return [Date.UTC(year, month, day), Date.UTC(year, month, day + 1)];
  const offset =
    !zone || zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  const start =
    Date.UTC(year, month, day, Number(h), Number(mi), s ? Number(s) : 0, frac ? Math.floor(Number(frac) * 1000) : 0) -
    offset;
  const width = frac ? 1 : s ? 1000 : 60_000;
  return [start, start + width];
}

function dateRanges(value: unknown): [number, number][] {
  if (typeof value === 'string') {
    const range = dateRange(value);
    return range ? [range] : [];
  }
  if (isObject(value) && ('start' in value || 'end' in value)) {
    const start = typeof value.start === 'string' ? dateRange(value.start)?.[0] : -Infinity;
    const end = typeof value.end === 'string' ? dateRange(value.end)?.[1] : Infinity;
    return start !== undefined && end !== undefined ? [[start, end]] : [];
  }
  return [];
}

function strings(value: unknown): string[] {
  return typeof value === 'string' ? [value] : [];
}

function references(value: unknown): string[] {
  return isObject(value) && typeof value.reference === 'string' ? [value.reference] : [];
}

/** `_include=Type:param`: the paths of the reference parameters whose targets join each page. */
export function includePaths(type: string, params: URLSearchParams): string[] {
  return params.getAll('_include').flatMap((value) => {
    const [source, name = ''] = value.split(':');
    const def = source === type ? paramsOf(type)[name] : undefined;
    if (def?.kind !== 'reference') throw new SearchError(`Invalid _include parameter value: "${value}"`);
    return def.paths;
  });
}

/** the literal references found at these paths of a resource */
export function referencesAt(resource: Resource, paths: string[]): string[] {
  return paths.flatMap((path) => valuesAt(resource, path)).flatMap(references);
}

// ---- matching ------------------------------------------------------------------------------

const DATE_PREFIXES = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb'] as const;
type DatePrefix = (typeof DATE_PREFIXES)[number];

function dateMatches(prefix: DatePrefix, [lo, hi]: [number, number], [plo, phi]: [number, number]): boolean {
  switch (prefix) {
    case 'eq':
      return lo >= plo && hi <= phi;
    case 'ne':
      return !(lo >= plo && hi <= phi);
    case 'gt':
      return hi > phi;
    case 'lt':
      return lo < plo;
    case 'ge':
      return hi > plo;
    case 'le':
      return lo < phi;
    case 'sa':
      return lo >= phi;
    case 'eb':
      return hi <= plo;
  }
}

function tokenMatches(query: string, candidates: Token[], modifier: string | undefined): boolean {
  if (modifier === 'text') return candidates.some((t) => t.text?.toLowerCase().startsWith(query.toLowerCase()));
  const bar = query.indexOf('|');
  if (bar < 0) return candidates.some((t) => t.code === query);
  const system = query.slice(0, bar);
  const code = query.slice(bar + 1);
  return candidates.some((t) => {
    if (system === '') return t.code === code && !t.system;
    if (code === '') return t.system === system;
    return t.system === system && t.code === code;
  });
}

/** `patient=123`, `Patient/123` and an absolute URL of it all name the same resource. */
function referenceMatches(query: string, refs: string[], paramName: string, fhirBase: string): boolean {
  const relative = query.startsWith(fhirBase + '/') ? query.slice(fhirBase.length + 1) : query;
  const wanted = relative.includes('/') ? relative : `${paramName === 'patient' ? 'Patient' : ''}/${relative}`;
  return refs.some((ref) => {
    const r = ref.startsWith(fhirBase + '/') ? ref.slice(fhirBase.length + 1) : ref;
    return wanted.startsWith('/') ? r.endsWith(wanted) : r === wanted;
  });
}

interface Criterion {
  name: string;
  modifier?: string;
  def: ParamDef;
  /** comma-separated alternatives */
  values: string[];
}

function matches(resource: Resource, c: Criterion, fhirBase: string): boolean {
  const raw = c.def.paths.flatMap((path) => valuesAt(resource, path));
  if (c.modifier === 'missing') {
    const wantMissing = c.values[0] === 'true';
    return wantMissing === (raw.length === 0);
  }
  switch (c.def.kind) {
    case 'token': {
      const candidates = raw.flatMap(tokens);
      const any = c.values.some((v) => tokenMatches(v, candidates, c.modifier));
      return c.modifier === 'not' ? !any : any;
    }
    case 'reference':
      return c.values.some((v) => referenceMatches(v, raw.flatMap(references), c.name, fhirBase));
    case 'string': {
      const candidates = raw.flatMap(strings).map((s) => s.toLowerCase());
      return c.values.some((v) =>
        c.modifier === 'exact'
          ? raw.flatMap(strings).includes(v)
          : candidates.some((s) => s.startsWith(v.toLowerCase())),
      );
    }
    case 'date': {
      const ranges = raw.flatMap(dateRanges);
      return c.values.some((v) => {
        const prefix = (DATE_PREFIXES as readonly string[]).includes(v.slice(0, 2))
          ? (v.slice(0, 2) as DatePrefix)
          : 'eq';
        const range = dateRange(prefix === 'eq' && !v.startsWith('eq') ? v : v.slice(2));
        if (!range) throw new SearchError(`Invalid date/time format: "${v}"`);
        return ranges.some((r) => dateMatches(prefix, r, range));
      });
    }
  }
}

const MODIFIERS: Record<Kind, string[]> = {
  token: ['text', 'not', 'missing'],
  reference: ['missing'],
  date: ['missing'],
  string: ['exact', 'missing', 'contains'],
};

/** Parse the search parameters of one type; throws SearchError with HAPI's wording. */
export function parseCriteria(type: string, params: URLSearchParams): Criterion[] {
  const known = paramsOf(type);
  const criteria: Criterion[] = [];
  for (const [rawName, value] of params) {
    if (RESULT_PARAMS.has(rawName) || rawName.startsWith('_getpages')) continue;
    const [name = '', modifier] = rawName.split(':');
    const def = known[name];
    if (!def) {
      const valid = Object.keys(known).sort().join(', ');
      throw new SearchError(
        `HAPI-0524: Unknown search parameter "${name}" for resource type "${type}". Valid search parameters for this search are: [${valid}]`,
      );
    }
    if (modifier !== undefined && !MODIFIERS[def.kind].includes(modifier)) {
      throw new SearchError(`HAPI-1229: Invalid modifier ":${modifier}" for search parameter "${name}"`);
    }
    criteria.push({ name, modifier, def, values: value.split(',').filter((v) => v !== '') });
  }
  return criteria;
}

export function filter(resources: Resource[], criteria: Criterion[], fhirBase: string): Resource[] {
  return resources.filter((r) => criteria.every((c) => matches(r, c, fhirBase)));
}

/**
 * The sort a search asks for: `_sort` (R4) and HAPI's older `_sort:asc=date` / `_sort:desc=date`
 * (the SMART launcher sends the latter when it picks an encounter), in the order given.
 */
export function sortOf(query: URLSearchParams): string | null {
  const fields = [...query.entries()].flatMap(([name, value]) =>
    name === '_sort' ? [value] : name === '_sort:asc' ? [value] : name === '_sort:desc' ? [`-${value}`] : [],
  );
  return fields.length > 0 ? fields.join(',') : null;
}

/** `_sort=date`, `-date`, any date parameter of the type, `_id` or `_lastUpdated`; comma = tie-breakers. */
export function sortResources(type: string, resources: Resource[], sort: string | null): Resource[] {
  if (!sort) return resources;
  const known = paramsOf(type);
  const keys = sort.split(',').map((field) => {
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    const def = known[name];
    if (!def || (def.kind !== 'date' && name !== '_id'))
      throw new SearchError(`HAPI-1176: Unknown _sort parameter value "${name}" for resource type "${type}"`);
    return { def, descending, name };
  });
  const keyOf = (r: Resource, def: ParamDef, name: string): number | string | undefined =>
    name === '_id' ? r.id : def.paths.flatMap((path) => valuesAt(r, path)).flatMap(dateRanges)[0]?.[0];
  return [...resources].sort((a, b) => {
    for (const { def, descending, name } of keys) {
      const ka = keyOf(a, def, name);
      const kb = keyOf(b, def, name);
      if (ka === kb) continue;
      // resources without a value go last in either direction, as HAPI orders them
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      const order = ka < kb ? -1 : 1;
      return descending ? -order : order;
    }
    return 0;
  });
}

/** `_elements`: the listed top-level elements plus the mandatory ones, marked SUBSETTED. */
export function subset(resource: Resource, elements: string[]): Resource {
  const keep = new Set(['resourceType', 'id', 'meta', ...elements]);
  const result: Json = {};
  for (const [k, v] of Object.entries(resource)) if (keep.has(k)) result[k] = v;
  const meta = (result.meta as Json | undefined) ?? {};
  result.meta = {
    ...meta,
    tag: [
      ...((meta.tag as unknown[]) ?? []),
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' },
    ],
  };
  return result as unknown as Resource;
}
