import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Utf8 } from '../../src/clinical/base64';
import { isoDay, isoInstant, parseDate } from '../../src/clinical/dates';
import { conceptText } from '../../src/clinical/json';
import { textTermReader, textTermsIn } from '../../src/clinical/terminology/match';
import { valueSet, type ValueSetId } from '../../src/clinical/terminology/valuesets';
import { base64, utf8Bytes } from '../../src/report/encoding';

const numRuns = Number(process.env.FC_RUNS ?? 300);
const iso = (x: string) => parseDate(x)?.toISOString();

describe('parseDate: FHIR date, dateTime and instant', () => {
  it('reads every precision as its earliest instant', () => {
    expect(iso('2026')).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('2026-11')).toBe('2026-11-01T00:00:00.000Z');
    expect(iso('2026-11-04')).toBe('2026-11-04T00:00:00.000Z');
    expect(iso('2026-11-04T08:00:00Z')).toBe('2026-11-04T08:00:00.000Z');
    expect(iso('2026-11-04T08:00:00.5+01:00')).toBe('2026-11-04T07:00:00.500Z');
    expect(iso('2026-11-04T08:00:00.123456789-05:30')).toBe('2026-11-04T13:30:00.123Z');
    expect(iso('2026-11-04T23:30:00-02:00')).toBe('2026-11-05T01:30:00.000Z');
  });

  it('reads a time without a zone as UTC, whatever the machine’s zone', () => {
    expect(iso('2026-11-04T08:00:00')).toBe('2026-11-04T08:00:00.000Z');
    expect(iso('2026-11-04T08:00')).toBe('2026-11-04T08:00:00.000Z');
  });

  it('reads two slips of real feeds: a space for the T, a zone without its colon', () => {
    expect(iso('2026-11-04 08:00:00Z')).toBe('2026-11-04T08:00:00.000Z');
    expect(iso('2026-11-04T08:00:00+0100')).toBe('2026-11-04T07:00:00.000Z');
    expect(iso('2026-11-04 08:00:00.000-0530')).toBe('2026-11-04T13:30:00.000Z');
  });

  it('refuses days that do not exist instead of rolling them over', () => {
    expect(parseDate('2026-02-29')).toBeUndefined();
    expect(iso('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(iso('2000-02-29')).toBe('2000-02-29T00:00:00.000Z');
    expect(parseDate('2026-04-31T10:00:00Z')).toBeUndefined();
    expect(parseDate('2026-13-01')).toBeUndefined();
    expect(parseDate('2026-11-04T24:00:00Z')).toBeUndefined();
    expect(parseDate('2026-11-04T08:60:00Z')).toBeUndefined();
  });

  it('refuses what is not a FHIR date', () => {
    for (const x of [
      '',
      '2026-1',
      '2026-11-4',
      '20261104',
      '2026-11-04x08:00:00Z',
      '2026-11-04T',
      '2026-11-04T08',
      '2026-11-04T08:00:00.Z',
      '2026-11-04T08:00:00+01',
      '2026-11-04T08:00:00+01:0',
      '2026-11-04T08:00:00Zjunk',
      '2026-11-04junk',
      ' 2026',
      '0001-01-01',
      '9999-12-31',
      20261104,
      null,
      {},
    ]) {
      expect(parseDate(x), String(x)).toBeUndefined();
    }
  });

  it('agrees with Date on every valid instant', () => {
    const instant = fc.date({
      min: new Date('1850-01-01T00:00:00Z'),
      max: new Date('2300-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const zone = fc.constantFrom('Z', '+00:00', '+01:00', '-05:00', '+05:45', '-11:30', '+14:00');
    fc.assert(
      fc.property(instant, zone, (date, z) => {
        const written = date.toISOString().replace('Z', z);
        expect(parseDate(written)?.getTime()).toBe(new Date(written).getTime());
      }),
      { numRuns },
    );
  });
});

describe('isoDay and isoInstant', () => {
  it('write the UTC day and instant like toISOString, for every instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('-001000-01-01T00:00:00Z'),
          max: new Date('+012000-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(isoDay(date)).toBe(date.toISOString().split('T')[0]);
          expect(isoInstant(date)).toBe(date.toISOString());
        },
      ),
      { numRuns },
    );
    expect(isoDay(undefined)).toBeUndefined();
    expect(isoDay(new Date(Number.NaN))).toBeUndefined();
    expect(isoInstant(new Date(Number.NaN))).toBeUndefined();
  });
});

describe('decodeBase64Utf8', () => {
  it('decodes what the report stage encodes, with or without padding and line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const encoded = base64(utf8Bytes(text));
        expect(decodeBase64Utf8(encoded)).toBe(text);
        expect(decodeBase64Utf8(encoded.replace(/=+$/, ''))).toBe(text);
        expect(decodeBase64Utf8(encoded.replace(/(.{76})/g, '$1\r\n'))).toBe(text);
      }),
      { numRuns },
    );
  });

  it('says undefined for what is not base64', () => {
    for (const x of ['abc!', 'a', 'ab=c', 'ab===', 'YWJj€', '====']) expect(decodeBase64Utf8(x), x).toBeUndefined();
  });
});

describe('text readers', () => {
  it('conceptText gives the text and each distinct display once', () => {
    expect(
      conceptText({
        text: 'Fracture L1',
        coding: [{ display: 'Fracture L1' }, { display: 'Wedge fracture' }, { display: 'Wedge fracture' }],
      }),
    ).toBe('Fracture L1 Wedge fracture');
    expect(conceptText({ code: 'MR', display: 'Magnetic resonance' })).toBe('Magnetic resonance');
    expect(conceptText('text')).toBe('');
    expect(conceptText({ coding: 'junk', text: 42 })).toBe('');
  });

  const sets: ValueSetId[] = ['VS-VCF', 'VS-MALIGNANT-OSTEOLYSIS', 'VS-SPINE-INFECTION'];
  const read = textTermReader(sets);

  it('textTermReader finds what textTermsIn finds, set by set, and skips the matched sets', () => {
    const words = fc.constantFrom(
      'vertebral fracture',
      'Metastase',
      'osteomyelitis',
      'VCF',
      'avcf',
      'knee',
      'Wirbelkörperfraktur',
      ' ',
      '.',
      'ß',
      'K',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), fc.subarray(sets), (parts, skipped) => {
        const text = parts.join(' ');
        const expected = sets
          .filter((id) => !skipped.includes(id))
          .map((id): [string, string[]] => [id, textTermsIn(valueSet(id)!, text)])
          .filter(([, terms]) => terms.length);
        expect(read(text, new Set(skipped))).toEqual(expected);
      }),
      { numRuns },
    );
  });

  it('textTermReader refuses a value set without words', () => {
    expect(() => textTermReader(['VS-PAIN-SCORE'])).toThrow(/no text terms/);
  });
});
