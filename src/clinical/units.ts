import type { Localized } from '../lang';
import { SET_ASIDE } from './set-aside';
import { EVIDENCE_WORDS, asWritten } from './evidence-words';
import ucum from '@lhncbc/ucum-lhc';
import { field, num, str } from './json';

/**
 * Unit conversion through UCUM (@lhncbc/ucum-lhc; imported here only, it is large). Lab systems
 * often write units that are not UCUM ("K/uL", "°C", "G/l"): a short alias list maps the common
 * ones; anything else makes the value unknown, never silently misread. Note that "G/L" would be
 * gauss per litre to UCUM, hence the aliases come first.
 */
const ALIASES: Record<string, string> = {
  'k/ul': '10*3/uL',
  '10^3/ul': '10*3/uL',
  'x10e3/ul': '10*3/uL',
  '10e3/ul': '10*3/uL',
  'thou/ul': '10*3/uL',
  'x10^3/ul': '10*3/uL',
  '10^9/l': '10*9/L',
  'x10^9/l': '10*9/L',
  'x10e9/l': '10*9/L',
  'g/l (cells)': '10*9/L',
  'gpt/l': '10*9/L',
  '/nl': '/nL',
  '1/nl': '/nL',
  '°c': 'Cel',
  degc: 'Cel',
  'deg c': 'Cel',
  '°f': '[degF]',
  degf: '[degF]',
  'deg f': '[degF]',
};

let utils: ReturnType<typeof ucum.UcumLhcUtils.getInstance> | undefined;

export type Conversion = { ok: true; value: number } | { ok: false; reason: Localized };

function ucumCode(unit: string): string {
  const trimmed = unit.trim().replace(/µ/g, 'u');
  return ALIASES[trimmed.toLowerCase()] ?? trimmed;
}

/** UCUM's unit tables, set up at the first use (tens of milliseconds) */
function ucumUtils(): ReturnType<typeof ucum.UcumLhcUtils.getInstance> {
  return (utils ??= ucum.UcumLhcUtils.getInstance());
}

/**
 * Sets up the unit tables now rather than at the first conversion: the app calls it while the
 * record's reads are on the wire, so the first assessment does not wait.
 */
export function prepareUnits(): void {
  try {
    ucumUtils();
  } catch {
    // the first conversion tries again and reports a unit it cannot convert
  }
}

function ucumConvert(from: string, value: number, target: string): number | undefined {
  try {
    const r = ucumUtils().convertUnitTo(from, value, target);
    if (r.status === 'succeeded' && typeof r.toVal === 'number' && Number.isFinite(r.toVal)) return r.toVal;
  } catch {
    // the library throws on some malformed unit strings: same outcome as a failed conversion
  }
  return undefined;
}

interface Affine {
  scale: number;
  offset: number;
}

const pair = (from: string, target: string) => `${from}\u0000${target}`;

/**
 * The conversions labs report most, to the units the criteria compare in (terminology/valuesets.ts),
 * with UCUM's own figures (its value at 1 minus its value at 0, and its value at 0: hence
 * 0.9999999999999999 for 1), so that a process converting only these never sets up UCUM's tables
 * (about 12 ms at each start of the command-line assessor). test/clinical/units.test.ts checks each
 * against UCUM.
 */
export const COMMON_CONVERSIONS: ReadonlyMap<string, Affine> = new Map([
  [pair('10*3/uL', '10*9/L'), { scale: 0.9999999999999999, offset: 0 }],
  [pair('10*3/mm3', '10*9/L'), { scale: 0.9999999999999999, offset: 0 }],
  [pair('/nL', '10*9/L'), { scale: 0.9999999999999999, offset: 0 }],
  [pair('mg/dL', 'mg/L'), { scale: 10, offset: 0 }],
  [pair('ug/mL', 'mg/L'), { scale: 1, offset: 0 }],
  [pair('[degF]', 'Cel'), { scale: 0.5555555555555713, offset: -17.777777777777743 }],
]);

/**
 * Every clinical unit conversion is affine (a factor, plus an offset for temperatures), so UCUM is
 * asked once per pair of units and a record of thousands of labs converts by arithmetic. The pairs
 * asked are kept up to a bound: a long batch of records with ever new unit strings cannot fill memory.
 */
const conversions = new Map<string, Affine | undefined>();
const KEPT_CONVERSIONS = 1000;

/** how many pairs of units UCUM's answers are kept for (for the test of the bound) */
export const keptConversions = (): number => conversions.size;

/** UCUM's conversion of a pair of units, asked of it (only the tests call this directly) */
export function ucumConversion(from: string, target: string): Affine | undefined {
  const zero = ucumConvert(from, 0, target);
  const one = ucumConvert(from, 1, target);
  return zero === undefined || one === undefined ? undefined : { scale: one - zero, offset: zero };
}

function conversionOf(from: string, target: string): Affine | undefined {
  const key = pair(from, target);
  const common = COMMON_CONVERSIONS.get(key);
  if (common) return common;
  if (!conversions.has(key)) {
    if (conversions.size >= KEPT_CONVERSIONS) conversions.clear();
    conversions.set(key, ucumConversion(from, target));
  }
  return conversions.get(key);
}

export function convert(value: number, unit: string, target: string): Conversion {
  const from = ucumCode(unit);
  if (from === target) return { ok: true, value };
  const conversion = conversionOf(from, target);
  if (!conversion) return { ok: false, reason: SET_ASIDE.unitNotConvertible(unit, target) };
  // the arithmetic leaves 99.99999999999999 for 100
  return { ok: true, value: Math.round((value * conversion.scale + conversion.offset) * 1e9) / 1e9 };
}

/** the unit of a Quantity: its UCUM code when the system is UCUM, else the human unit */
export function quantityUnit(q: unknown): string | undefined {
  const system = str(field(q, 'system'));
  const code = str(field(q, 'code'));
  if (code && (!system || system === 'http://unitsofmeasure.org')) return code;
  return str(field(q, 'unit')) ?? code;
}

/**
 * A value in the unit a criterion compares in. `display` is how the evidence cites it: the value as
 * compared, and as recorded when the conversion changed the number ("80 mg/L (recorded as 8 mg/dL)").
 */
export type Measured = { ok: true; value: number; unit: string; display: Localized } | { ok: false; reason: Localized };

/** the number and unit as the Observation records them (valueQuantity, or a unitless valueInteger) */
function recorded(observation: unknown): { value: number; unit: string } | undefined {
  const q = field(observation, 'valueQuantity');
  const integer = num(field(observation, 'valueInteger'));
  const value = num(field(q, 'value')) ?? integer;
  if (value === undefined) return undefined;
  return { value, unit: integer !== undefined && q === undefined ? '' : (quantityUnit(q) ?? '') };
}

function withUnit(value: number, unit: string): string {
  const rounded = Math.round(value * 100) / 100;
  return unit ? `${rounded} ${unit}` : String(rounded);
}

/**
 * The numeric value of an Observation (valueQuantity or valueInteger) in the target unit.
 * `unitless` lists the spellings accepted for dimensionless results ("", "1", "{score}").
 */
export function measuredValue(observation: unknown, target: string, unitless: readonly string[] = []): Measured {
  const r = recorded(observation);
  if (!r) return { ok: false, reason: SET_ASIDE.noNumericValue };
  if (unitless.includes(r.unit.trim().toLowerCase()))
    return { ok: true, value: r.value, unit: r.unit, display: asWritten(withUnit(r.value, r.unit)) };
  if (r.unit === '') return { ok: false, reason: SET_ASIDE.noUnit(target) };
  const c = convert(r.value, r.unit, target);
  if (!c.ok) return c;
  const asRecorded = withUnit(r.value, r.unit);
  const inTarget = withUnit(c.value, target === '1' ? '' : target);
  return {
    ok: true,
    value: c.value,
    unit: target,
    display: c.value === r.value ? asWritten(asRecorded) : EVIDENCE_WORDS.recordedAs(inTarget, asRecorded),
  };
}

/**
 * NRS points per unit of a pain score, for the spellings VS-PAIN-SCORE allows and no others: a
 * general unit conversion would read "80 %" as 0.8. A VAS in % is the share of the 100 mm line
 * (80 % = 80 mm = NRS 8), the scale LOINC 38214-3 reports on.
 */
const NRS_PER_UNIT: Record<string, number> = {
  '': 1,
  '1': 1,
  '{score}': 1,
  score: 1,
  '{nrs}': 1,
  '/10': 1,
  '{pain score}': 1,
  mm: 0.1,
  cm: 1,
  '%': 0.1,
};

/** NRS 0-10 from a pain Observation: a score as it is, a VAS in mm or % divided by 10, in cm as it is */
export function painScore(observation: unknown): Measured {
  const r = recorded(observation);
  if (!r) return { ok: false, reason: SET_ASIDE.noNumericValue };
  const perUnit = NRS_PER_UNIT[r.unit.trim().toLowerCase()];
  if (perUnit === undefined) return { ok: false, reason: SET_ASIDE.notPainScale(r.unit) };
  const nrs = Math.round(r.value * perUnit * 1e9) / 1e9;
  const asRecorded = withUnit(r.value, r.unit);
  if (nrs < 0 || nrs > 10) return { ok: false, reason: SET_ASIDE.painOutOfScale(asRecorded) };
  const display = `NRS ${withUnit(nrs, '')}`;
  return {
    ok: true,
    value: nrs,
    unit: 'NRS',
    display: perUnit === 1 ? asWritten(display) : EVIDENCE_WORDS.recordedAs(display, asRecorded),
  };
}
