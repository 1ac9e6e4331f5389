import { describe, expect, it } from 'vitest';
import { assess, type Assessment } from '../../src/clinical';
import { mentionsSpine, oedemaFinding, posteriorWallFinding, studyModality } from '../../src/clinical/findings-text';
import type { ClinicalType, ReadState } from '../../src/clinical/record';
import { assessed, baseResources, daysAgo, imagingStudy, NOW, record, report } from './fixtures';

type R = Record<string, unknown>;

/** the base patient (eligible) with its MRI and report replaced */
const withoutImaging = (): R[] =>
  baseResources().filter((r) => r.resourceType !== 'ImagingStudy' && r.resourceType !== 'DiagnosticReport');

function criterion(a: Assessment, id: string) {
  const c = a.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id}`);
  return c;
}

function assessWith(resources: R[], reads: Partial<Record<ClinicalType, ReadState>> = {}): Assessment {
  return assessed(record(resources, reads));
}

describe('oedema read from report text', () => {
  it.each([
    'Bone marrow oedema: none.',
    'Bone marrow edema absent.',
    'Bone marrow edema: no.',
    'The bone marrow oedema of L1 has resolved.',
    'Knochenmarködem nicht nachweisbar.',
    'Knochenmarködem: keines.',
    'Knochenmarködem vollständig rückgebildet.',
  ])('a negation after the term is a negation: %s', (text) => {
    expect(oedemaFinding(text)).toBe('absent');
  });

  it.each([
    'Cervical carcinoma staging: parametrial oedema, no lymphadenopathy.',
    'Mild prevertebral soft-tissue oedema after the fall.',
    'The previously seen oedema has resolved.',
    'Interspinous oedema at L4-L5.',
    'Soft-tissue oedema in T2-weighted images.',
    'Ausgeprägtes Weichteilödem paravertebral.',
  ])('oedema that is not of the vertebral bone marrow says nothing: %s', (text) => {
    expect(oedemaFinding(text)).toBeUndefined();
  });

  it.each([
    'Possible bone marrow oedema at L1.',
    'No definite marrow oedema.',
    'Bone marrow oedema cannot be excluded.',
    'Bone marrow oedema has largely resolved.',
    'V. a. Knochenmarködem LWK 1.',
    'Knochenmarködem nicht sicher auszuschließen.',
    'Fragliches Knochenmarködem LWK 1.',
  ])('a hedged finding is undecided, not present: %s', (text) => {
    expect(oedemaFinding(text)).toBeUndefined();
  });

  it.each([
    'Impression: bone marrow oedema: none. Findings: sagittal STIR, band-like bone marrow oedema of L1.',
    'Beurteilung: Knochenmarködem nicht nachweisbar. Befund: Knochenmarködem in LWK 1.',
  ])('a report that states and denies it is undecided (contradictory): %s', (text) => {
    expect(oedemaFinding(text)).toBeUndefined();
  });

  it.each([
    ['Acute L1 fracture with bone marrow oedema on STIR. No other marrow oedema.', 'present'],
    ['Frische Fraktur LWK 1 mit Knochenmarködem. Keine weiteren Knochenmarködeme.', 'present'],
    ['STIR hyperintense oedema of the L2 vertebral body.', 'present'],
    ['Ödem im Wirbelkörper LWK 2.', 'present'],
    ['Bone scan: increased uptake at L1.', 'present'],
    ['Skelettszintigraphie: Mehranreicherung LWK 1.', 'present'],
    ['No fracture but marrow oedema at L1.', 'present'],
    ['STIR: no marrow oedema at any level.', 'absent'],
    ['Kein Knochenmarködem.', 'absent'],
  ] as const)('reads %s as %s', (text, expected) => {
    expect(oedemaFinding(text)).toBe(expected);
  });
});

describe('posterior wall read from report text', () => {
  it.each([
    ['Retropulsion: none.', 'intact'],
    ['Hinterkantenbeteiligung: keine.', 'intact'],
    ['Possible retropulsion of a fragment.', undefined],
    ['Fraglich Hinterkante beteiligt.', undefined],
    ['Disruption of the posterior wall with minor retropulsion.', 'disrupted'],
  ] as const)('%s → %s', (text, expected) => {
    expect(posteriorWallFinding(text)).toBe(expected);
  });
});

describe('the modality of the study a report is about', () => {
  it.each([
    ['XR lumbar spine 2 views', 'Wedge compression deformity of L1, age indeterminate. Recommend MRI.'],
    ['Röntgen LWS in 2 Ebenen', 'Keilwirbelbildung LWK 1, Alter unklar. MRT empfohlen.'],
    ['Diagnostic imaging study', 'Wedge deformity of L1. Further evaluation with MRI.'],
    ['Diagnostic imaging study', 'Wedge deformity of L1. MRI is recommended.'],
    ['Befund', 'Keilwirbel LWK 1. Ergänzende MRT zur weiteren Abklärung.'],
    ['Diagnostic imaging study', 'Compared with the MRI of 2026-10-01, new wedge deformity of L1.'],
    ['PET-CT', 'FDG uptake at L1.'],
  ])('a study recommended, compared with or not an MRI/CT/bone scan is none: %s / %s', (title, text) => {
    expect(studyModality(title, `${title} ${text}`)).toBeUndefined();
  });

  it.each([
    ['MRI lumbar spine', 'Recommend CT for the posterior wall.', 'MR'],
    ['MRT LWS nativ', 'Knochenmarködem LWK 1.', 'MR'],
    ['Diagnostic imaging study', 'Sagittal STIR: bone marrow oedema of L1.', 'MR'],
    ['SPECT-CT spine', '', 'NM'],
    ['Skelettszintigraphie', '', 'NM'],
    ['CT thoracolumbar spine', '', 'CT'],
  ] as const)('%s / %s → %s', (title, text, expected) => {
    expect(studyModality(title, `${title} ${text}`)).toBe(expected);
  });
});

describe('a report named once where the surgeon reads it', () => {
  const loincReport = { system: 'http://loinc.org', code: '18748-4', display: 'Diagnostic imaging study' };

  it('by its title, not its title and its code’s display run together (issue #16)', () => {
    const titled = report('Posterior wall intact.', 20, {
      code: { text: 'MRI lumbar spine without contrast', coding: [loincReport] },
    });
    const c = criterion(assessWith([...withoutImaging(), titled]), 'req.posterior-wall-assessed');
    expect(c.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/^MRI lumbar spine without contrast \(\d{4}-\d\d-\d\d\)$/),
    );
  });

  it('its modality still read from every name of the title', () => {
    const untitled = report('Bone marrow oedema of L1.', 20, {
      code: { text: 'Report', coding: [{ ...loincReport, display: 'MRI lumbar spine' }] },
    });
    const a = assessWith([...withoutImaging(), untitled]);
    expect(criterion(a, 'req.imaging').status).toBe('met');
    expect(criterion(a, 'req.imaging').evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/^Report \(/),
    );
  });
});

describe('words that name the spine', () => {
  it.each([
    'CT angiography thoracic aorta',
    'MRI pelvis: cervical carcinoma',
    'CT neck: vertebral arteries patent',
    'CT chest: paravertebral lymph nodes',
    'Lumbar puncture',
    'CT Thorax: Aortenaneurysma',
    'Hämatom der Lendenregion',
  ])('not the spine: %s', (text) => {
    expect(mentionsSpine(text)).toBe(false);
  });
  it.each([
    'MRI thoracic spine',
    'CT cervical spine',
    'L1 vertebral body',
    'MRT BWS',
    'CT LWS',
    'Fraktur LWK 1',
    'Brustwirbelsäule',
    'Th12',
  ])('the spine: %s', (text) => {
    expect(mentionsSpine(text)).toBe(true);
  });
});

describe('imaging in the assessment', () => {
  it('a CT of the thoracic aorta and a pelvic MRI with parametrial oedema are not spine imaging', () => {
    const aorta = imagingStudy('CT', 7, '15825003', { description: 'CT angiography thoracic aorta' });
    const pelvis = report('Cervical carcinoma staging: parametrial oedema, no lymphadenopathy.', 6, {
      code: { text: 'MRI pelvis' },
    });
    const a = assessWith([...withoutImaging(), aorta, pelvis]);
    expect(criterion(a, 'req.imaging').status).toBe('unknown');
    expect(criterion(a, 'req.imaging').excluded.map((e) => e.why)).toContain('not of the spine');
    expect(criterion(a, 'ind.fracture-acute').status).toBe('unknown');
    expect(a.recommendation).toBe('insufficient-data');
  });

  it('a German pelvic MRI (Zervixkarzinom, parametranes Ödem, Lendenregion) is not spine imaging either', () => {
    const pelvis = report('Zervixkarzinom mit parametranem Ödem, Lymphknoten bis in die Lendenregion.', 6, {
      code: { text: 'MRT Becken' },
    });
    const a = assessWith([...withoutImaging(), pelvis]);
    expect(criterion(a, 'req.imaging').status).toBe('unknown');
    expect(criterion(a, 'ind.fracture-acute').status).toBe('unknown');
  });

  it.each([
    ['XR lumbar spine 2 views', 'Wedge compression deformity of L1, age indeterminate. Recommend MRI.'],
    ['Röntgen LWS in 2 Ebenen', 'Keilwirbelbildung LWK 1, Alter unklar. MRT empfohlen.'],
  ])('an X-ray report that recommends an MRI is no spine MRI (%s)', (title, text) => {
    const a = assessWith([...withoutImaging(), report(text, 7, { code: { text: title } })]);
    expect(criterion(a, 'req.imaging').status).toBe('unknown');
  });

  it('a plain spine radiograph is shown as set aside for req.imaging', () => {
    const xray = imagingStudy('DX', 7, '122496007', { description: 'XR lumbar spine 2 views' });
    const a = assessWith([...withoutImaging(), xray]);
    expect(criterion(a, 'req.imaging').status).toBe('unknown');
    expect(criterion(a, 'req.imaging').excluded.some((e) => e.why.includes('plain radiograph'))).toBe(true);
  });

  it.each([
    ['XR lumbar spine 2 views', 'Mild prevertebral soft-tissue oedema after the fall; bone marrow oedema of L1.'],
    ['CT LWS', 'Knochenmarködem LWK 1.'],
  ])('oedema in a %s report does not make the fracture acute (oedema is read on MRI or a bone scan)', (title, text) => {
    const noOedema = report('Old L1 fracture without bone marrow oedema on STIR.', 21);
    const a = assessWith([
      ...withoutImaging(),
      imagingStudy('MR', 21),
      noOedema,
      report(text, 5, { code: { text: title } }),
    ]);
    const acute = criterion(a, 'ind.fracture-acute');
    expect(acute.status).toBe('not-met');
    expect(acute.excluded.some((e) => e.why.includes('MRI or a bone scan'))).toBe(true);
  });

  it('a report whose impression denies the oedema its findings describe leaves the fracture age open', () => {
    const text =
      'Chronic compression fracture of the L1 vertebral body. Bone marrow oedema: none. Findings: sagittal STIR, band-like bone marrow oedema of L1.';
    const a = assessWith([...withoutImaging(), imagingStudy('MR', 21), report(text, 21)]);
    expect(criterion(a, 'ind.fracture-acute').status).toBe('unknown');
    expect(a.recommendation).toBe('insufficient-data');
  });

  it.each(['Bone marrow oedema: none.', 'Knochenmarködem nicht nachweisbar.'])(
    'an MRI that says "%s" is an MRI without oedema: not eligible',
    (text) => {
      const a = assessWith([...withoutImaging(), imagingStudy('MR', 21), report(`Old L1 fracture. ${text}`, 21)]);
      expect(criterion(a, 'ind.fracture-acute').status).toBe('not-met');
      expect(a.recommendation).toBe('not-eligible');
    },
  );
});

describe('ImagingStudy status: only "available" has images', () => {
  it.each([
    ['registered', 'no images yet'],
    ['unknown', 'not known that images exist'],
    ['cancelled', 'status cancelled'],
  ])('a %s spine MRI does not meet req.imaging and says why', (status, why) => {
    const study = imagingStudy('MR', 0, '122496007', { status, description: 'MRI lumbar spine with STIR' });
    const a = assessWith([...withoutImaging(), study]);
    const imaging = criterion(a, 'req.imaging');
    expect(imaging.status).toBe('unknown');
    expect(imaging.excluded.some((e) => e.why.includes(why))).toBe(true);
  });

  it('an available one does', () => {
    const a = assessWith([...withoutImaging(), imagingStudy('MR', 3)]);
    expect(criterion(a, 'req.imaging').status).toBe('met');
  });
});

describe('conclusions from what reports do not say need every report read', () => {
  const mriSaying = (text: string): R[] => [...withoutImaging(), imagingStudy('MR', 21), report(text, 21)];

  it.each(['partial', 'failed'] as const)(
    '"MRI without oedema" is no healed fracture when reports were read %s',
    (state) => {
      const resources = mriSaying('Old L1 fracture. No bone marrow oedema. Posterior wall intact. Height loss 20 %.');
      expect(criterion(assessWith(resources), 'ind.fracture-acute').status).toBe('not-met');
      const a = assessWith(resources, { DiagnosticReport: state });
      const acute = criterion(a, 'ind.fracture-acute');
      expect(acute.status).toBe('unknown');
      expect(acute.rationaleText.en).toMatch(
        /Reports could (not be read|be read only in part): another report may say otherwise/,
      );
      expect(acute.rationaleText.de).toContain('ein anderer Befund kann Abweichendes zeigen');
      expect(a.missing.find((m) => m.criterion === 'ind.fracture-acute')?.supply).toBe('record');
    },
  );

  it('an onset over 12 months ago is no healed fracture while reports were read partly', () => {
    const isFracture = (r: R) =>
      r.resourceType === 'Condition' && (r.code as { coding: { code: string }[] }).coding[0]?.code === 'M80.08XA';
    const resources = [
      ...withoutImaging().map((r) => (isFracture(r) ? { ...r, onsetDateTime: daysAgo(730) } : r)),
      imagingStudy('MR', 21),
    ];
    expect(criterion(assessWith(resources), 'ind.fracture-acute').status).toBe('not-met');
    expect(criterion(assessWith(resources, { Observation: 'partial' }), 'ind.fracture-acute').status).toBe('unknown');
  });

  it('oedema found is still oedema when reports were read partly', () => {
    const a = assessWith(mriSaying('Acute L1 fracture with bone marrow oedema on STIR.'), {
      DiagnosticReport: 'partial',
    });
    expect(criterion(a, 'ind.fracture-acute').status).toBe('met');
  });

  it('"posterior wall intact" and a measured height loss are not conclusions while reports were read partly', () => {
    const resources = mriSaying(
      'Acute L1 fracture with bone marrow oedema on STIR. Posterior wall intact. Height loss 25 %.',
    );
    // only "assessed" is answered, so the record decides whether the wall is intact
    const options = { now: NOW, answers: { 'req.posterior-wall-assessed': { status: 'met' as const } } };
    const full = assess(record(resources), options);
    expect(criterion(full, 'rc.posterior-wall').status).toBe('not-met');
    expect(criterion(full, 'rc.vertebra-plana').status).toBe('not-met');
    expect(full.recommendation).toBe('eligible');
    const partial = assess(record(resources, { DiagnosticReport: 'partial' }), options);
    expect(criterion(partial, 'rc.posterior-wall').status).toBe('unknown');
    expect(criterion(partial, 'rc.vertebra-plana').status).toBe('unknown');
    expect(partial.recommendation).toBe('eligible-with-cautions');
  });
});
