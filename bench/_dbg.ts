import { startDemo } from '../mocks/server/demo';
import { freePort } from '../test/e2e/browser';
const demo = await startDemo({ ehrPort: await freePort(), appPort: await freePort(), app: 'dist', latencyMs: 100, samples: false });
const p = demo.ehr.patients.find((x) => x.scenario === 15)!;
const token = demo.ehr.mintAccessToken({ patient: p.id });
const t0 = performance.now();
await Promise.all(['Observation', 'Condition', 'ImagingStudy', 'AllergyIntolerance'].map(async (type) => {
  let url: string | undefined = `${demo.fhirBase}/${type}?patient=${p.id}`;
  let n = 0;
  try {
    while (url) {
      const r = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } });
      const b = (await r.json()) as fhir4.Bundle;
      n++;
      url = b.link?.find((l) => l.relation === 'next')?.url;
    }
    console.log(type, 'pages', n, (performance.now() - t0).toFixed(0));
  } catch (e) { console.log(type, 'failed after', n, (performance.now() - t0).toFixed(0), String(e), (e as Error).cause); }
}));
await demo.close();
