import { Fhir, ParseConformance, Versions } from 'fhir';
import { NOTE_IDENTIFIER_SYSTEM } from '../../src/report';

/**
 * The two checks every written note must pass: FHIR R4 structure (the `fhir` package's validator
 * with the R4 core definitions it ships) and the US Core DocumentReference constraints of
 * the US Core DocumentReference (clinical note) profile, spelled out one by one.
 */
const r4 = new Fhir(new ParseConformance(true, Versions.R4));

export function r4Problems(resource: object): string[] {
  const result = r4.validate(resource, { errorOnUnexpected: true });
  return result.messages
    .filter((m) => m.severity === 'error' || m.severity === 'fatal')
    .map((m) => `${m.location ?? ''}: ${m.message ?? ''}`);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function usCoreProblems(doc: fhir4.DocumentReference): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  expect(doc.status === 'current', 'status is current');
  expect(doc.docStatus === 'final', 'docStatus is final');
  expect(
    doc.type?.coding?.some((c) => c.system === 'http://loinc.org' && c.code === '11488-4') === true,
    'type is LOINC 11488-4 Consult note',
  );
  expect(
    doc.category?.some((cat) =>
      cat.coding?.some(
        (c) =>
          c.system === 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category' &&
          c.code === 'clinical-note',
      ),
    ) === true,
    'category has us-core clinical-note',
  );
  expect(/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(doc.subject?.reference ?? ''), 'subject references a Patient');
  expect(INSTANT.test(doc.date ?? ''), 'date is an instant');
  expect(
    (doc.author ?? []).every((a) =>
      /^(Practitioner|PractitionerRole|Patient|RelatedPerson|Organization|Device)\//.test(a.reference ?? ''),
    ),
    'authors are US Core author types',
  );
  expect((doc.context?.encounter?.length ?? 0) <= 1, 'at most one context.encounter (US Core 0..1)');
  expect(doc.context?.period !== undefined, 'context.period present');
  expect(
    doc.identifier?.some(
      (i) => i.system === NOTE_IDENTIFIER_SYSTEM && /^urn:uuid:[0-9a-f-]{36}$/.test(i.value ?? ''),
    ) === true,
    'identifier is a urn:uuid in the app’s identifier system',
  );
  const content = doc.content ?? [];
  expect(content.length >= 1, 'content present');
  for (const [i, item] of content.entries()) {
    const a = item.attachment;
    expect(typeof a.contentType === 'string', `content[${i}].attachment.contentType present`);
    expect(a.data !== undefined || a.url !== undefined, `content[${i}] has data or url (us-core-6)`);
  }
  expect(content[0]?.attachment.contentType === 'text/plain; charset=utf-8', 'content[0] is text/plain UTF-8');
  return problems;
}
