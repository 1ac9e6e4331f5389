import { describe, expect, it } from 'vitest';
import { oedemaFinding, studyModality } from '../../src/clinical/findings-text';
import { assessed, baseResources, record, report } from './fixtures';

/**
 * The radiology vocabulary, phrase by phrase (docs/criteria.md, ind.fracture-acute; README, "Report
 * text"): how spine MRI, bone scan and SPECT reports write an acute fracture, in English and
 * German, with the negations and hedges of the same reports. Phrasing as radiologists write it
 * (report conclusions and German "Beurteilung" lines).
 */

describe('an acute fracture in the words of MRI reports', () => {
  it.each([
    // English
    'Band-like bone marrow edema in L1 on STIR.',
    'STIR hyperintense signal in the L1 vertebral body.',
    'L1 is hyperintense on STIR images.',
    'T2 FS hyperintense signal of the T12 vertebral body, consistent with acute fracture.',
    'Hyperintense signal on fat-saturated T2 images in L2.',
    'Acute compression fracture of L1.',
    'Subacute insufficiency fracture of T12.',
    // German
    'Knochenmarködem LWK 1.',
    'Knochenmarkoedem im BWK 12.',
    'Markraumödem LWK 2.',
    'Frische Sinterungsfraktur LWK 1.',
    'Frische osteoporotische Wirbelkörperfraktur BWK 12.',
    'Akute Deckplattenimpression LWK 3.',
    'STIR-hyperintenses Signal im LWK 1.',
    'TIRM-hyperintense Signalanhebung des LWK 2.',
    'Signalanhebung in der STIR-Sequenz im BWK 11.',
  ])('present: %s', (text) => {
    expect(oedemaFinding(text)).toBe('present');
  });
});

describe('an acute fracture in the words of bone scan and SPECT reports', () => {
  it.each([
    'Intense focal tracer uptake at L1, consistent with a recent fracture.',
    'Increased activity in the T12 vertebral body.',
    'Increased radiotracer uptake in L2.',
    'Linear intense uptake along the superior endplate of L1.',
    'Tracer-avid compression deformity of T11.',
    'Mehranreicherung im LWK 1 im Sinne einer frischen Fraktur.',
    'Vermehrte Nuklidanreicherung BWK 12.',
    'Kräftige fokale Anreicherung LWK 2.',
    'Deutliche Mehrspeicherung im LWK 3.',
  ])('present: %s', (text) => {
    expect(oedemaFinding(text)).toBe('present');
  });
});

describe('negations and hedges of the same phrases', () => {
  it.each([
    'No bone marrow edema.',
    'No acute fracture.',
    'No increased tracer uptake in the spine.',
    'Kein Knochenmarködem.',
    'Keine frische Fraktur.',
    'Keine Mehranreicherung in der Wirbelsäule.',
    'Knochenmarködem nicht mehr nachweisbar.',
  ])('absent: %s', (text) => {
    expect(oedemaFinding(text)).toBe('absent');
  });

  it.each([
    'Possible acute fracture of L1.',
    'Questionable increased uptake at L2.',
    'Fraglich frische Sinterungsfraktur LWK 1.',
    'V. a. frische Fraktur BWK 12.',
    'Mehranreicherung LWK 1 nicht sicher abgrenzbar.',
    'Acute fracture of L1. No bone marrow edema.',
  ])('undecided (hedged or contradictory): %s', (text) => {
    expect(oedemaFinding(text)).toBeUndefined();
  });

  it.each([
    'Old compression fracture of T12.',
    'Ältere Deckplattenimpression BWK 8.',
    'Mild soft-tissue edema.',
    'Increased signal on T1.',
  ])('says nothing about oedema: %s', (text) => {
    expect(oedemaFinding(text)).toBeUndefined();
  });
});

describe('the modality of the study', () => {
  it.each([
    ['Skelettszintigraphie', 'NM'],
    ['Knochenszintigrafie', 'NM'],
    ['SPECT/CT lumbar spine', 'NM'],
    ['Bone scan', 'NM'],
    ['MRT der LWS', 'MR'],
    ['Kernspintomographie BWS', 'MR'],
    ['CT LWS nativ', 'CT'],
  ] as const)('%s → %s', (title, modality) => {
    expect(studyModality(title, '')).toBe(modality);
  });
});

describe('in the assessment', () => {
  it('a German MRI report "frische Sinterungsfraktur LWK 1" dates the fracture (it said nothing before)', () => {
    const mri = report('Frische Sinterungsfraktur LWK 1 ohne Hinterkantenbeteiligung.', 21, {
      code: { text: 'MRT LWS' },
    });
    const resources = [...baseResources().filter((r) => r.resourceType !== 'DiagnosticReport'), mri];
    expect(assessed(record(resources)).criteria.find((c) => c.id === 'ind.fracture-acute')?.status).toBe('met');
  });

  it('a bone scan with "intense focal tracer uptake" dates it too', () => {
    const scan = report('Intense focal tracer uptake at L1.', 21, { code: { text: 'Bone scan, whole body' } });
    const resources = [...baseResources().filter((r) => r.resourceType !== 'DiagnosticReport'), scan];
    expect(assessed(record(resources)).criteria.find((c) => c.id === 'ind.fracture-acute')?.status).toBe('met');
  });
});
