import { describe, expect, it } from 'vitest';
import { loadInput, saveInput, storageKey } from '../../src/ui/answersStore';
import { ageInYears, formatDate, patientName } from '../../src/ui/format';
import { makeI18n, pickLang } from '../../src/ui/i18n';
import { parseLevels } from '../../src/ui/levels';
import { codeLabel, describeValue, parseReference } from '../../src/ui/resourceDetails';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('levels typed by the surgeon', () => {
  it('reads English and German notation, without duplicates', () => {
    expect(parseLevels('T12, L1')).toEqual({ levels: ['T12', 'L1'], invalid: [] });
    expect(parseLevels('BWK 12 LWK1; th11 l1')).toEqual({ levels: ['T12', 'L1', 'T11'], invalid: [] });
    expect(parseLevels('HWK 5')).toEqual({ levels: ['C5'], invalid: [] });
  });
  it('names what is not a level', () => {
    expect(parseLevels('L6, T13, X')).toEqual({ levels: [], invalid: ['L6', 'T13', 'X'] });
  });
});

describe('the stored answers', () => {
  const key = storageKey('https://ehr.example/fhir/', 'p1');
  it('are keyed by server and patient', () => {
    expect(key).toBe(storageKey('https://ehr.example/fhir', 'p1'));
    expect(key).not.toBe(storageKey('https://ehr.example/fhir', 'p2'));
    expect(key).not.toBe(storageKey('https://other.example/fhir', 'p1'));
  });
  it('round-trip and vanish when empty', () => {
    const storage = new MemoryStorage();
    const input = {
      answers: { 'req.posterior-wall-assessed': { status: 'met' as const, answeredAt: '2026-11-20T09:00:00Z' } },
      override: { recommendation: 'eligible' as const, reason: 'CT today', at: '2026-11-20T09:01:00Z' },
    };
    saveInput(storage, key, input);
    expect(loadInput(storage, key)).toEqual(input);
    saveInput(storage, key, { answers: {} });
    expect(storage.length).toBe(0);
  });
  it('drop whatever is malformed rather than trust it', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      key,
      JSON.stringify({
        answers: {
          a: { status: 'met', levels: ['L1'] },
          b: { status: 'maybe' },
          c: 'met',
          d: { status: 'not-met', value: 'x' },
        },
        override: { recommendation: 'eligible', reason: '  ', at: 'now' },
      }),
    );
    expect(loadInput(storage, key)).toEqual({
      answers: { a: { status: 'met', levels: ['L1'] }, d: { status: 'not-met' } },
    });
    storage.setItem(key, '{not json');
    expect(loadInput(storage, key)).toEqual({ answers: {} });
    expect(loadInput(undefined, key)).toEqual({ answers: {} });
  });
});

describe('display helpers', () => {
  it('format FHIR dates in the locale without shifting a date by a day', () => {
    expect(formatDate('2026-11-01', 'de-DE')).toBe('01.11.2026');
    expect(formatDate('2026-11-01', 'en-GB')).toBe('1 Nov 2026');
    expect(formatDate('2026', 'de-DE')).toBe('2026');
    expect(formatDate('2026-11', 'en-GB')).toBe('Nov 2026');
    expect(formatDate('yesterday', 'en-GB')).toBe('yesterday');
  });
  it('name and age the patient from untrusted fields', () => {
    expect(
      patientName({
        resourceType: 'Patient',
        name: [
          { use: 'old', family: 'Meier' },
          { given: ['Anna'], family: 'Schulz' },
        ],
      }),
    ).toBe('Anna Schulz');
    expect(patientName({ resourceType: 'Patient', name: [{ text: ' Dr. A. Schulz ' }] })).toBe('Dr. A. Schulz');
    expect(patientName({ resourceType: 'Patient', name: 'x' as unknown as fhir4.HumanName[] })).toBeUndefined();
    const now = new Date('2026-11-20T00:00:00Z');
    expect(ageInYears('1948-11-21', now)).toBe(77);
    expect(ageInYears('1948-11-20', now)).toBe(78);
    expect(ageInYears('not a date', now)).toBeUndefined();
    expect(ageInYears(19480101, now)).toBeUndefined();
  });
  it('describe FHIR values as text, codes with short system names', () => {
    expect(codeLabel('http://loinc.org|72514-3')).toBe('LOINC 72514-3');
    expect(codeLabel('urn:x|1')).toBe('urn:x 1');
    expect(describeValue({ value: 8, unit: '{score}' })).toBe('8 {score}');
    expect(describeValue({ coding: [{ system: 'http://snomed.info/sct', code: '66794005', display: 'L1' }] })).toBe(
      'L1 (SNOMED CT 66794005)',
    );
    expect(describeValue({ start: '2026-01-01' })).toBe('2026-01-01 – …');
    expect(describeValue([{ text: 'a' }, { text: 'b' }])).toBe('a; b');
    expect(describeValue({ substance: { text: 'PMMA' }, severity: 'severe' })).toBe(
      'substance: PMMA, severity: severe',
    );
  });
  it('split references, with or without a version', () => {
    expect(parseReference('Condition/1/_history/2')).toEqual({ type: 'Condition', id: '1', version: '2' });
    expect(parseReference('Condition/1')).toEqual({ type: 'Condition', id: '1', version: undefined });
    expect(parseReference('javascript:alert(1)')).toBeUndefined();
  });
});

describe('language', () => {
  it('comes from the launch, then the browser; English otherwise', () => {
    expect(pickLang('de-AT', 'en-US')).toBe('de');
    expect(pickLang(undefined, 'de')).toBe('de');
    expect(pickLang('fr-FR', 'es')).toBe('en');
  });
  it('formats in the launch’s own locale when it is in the chosen language', () => {
    expect(makeI18n('de', 'de_CH').locale).toBe('de-CH');
    expect(makeI18n('en', 'de-DE').locale).toBe('en-GB');
    expect(makeI18n('en', 'en-US').locale).toBe('en-US');
  });
});
