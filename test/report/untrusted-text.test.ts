import { asWritten, summarised } from '../../src/clinical/evidence-words';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildNote } from '../../src/report';
import { ASSESSMENT_EXTENSION_URL } from '../../src/report/identity';
import { noteContext, scenario1Eligible } from '../report/fixtures';

/**
 * Issue #15, finding 10 (second half): the note's subject.display and the assessment JSON it
 * carries hold no raw control or bidirectional-override characters from the record.
 */
const { window } = new JSDOM('');
// eslint-disable-next-line no-control-regex -- the characters this test looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'Eve \u202Eelbigile\u202C\u0007\u001b[2J\u0085 Mallory\u2066x\u2069';

function decoded(attachment: fhir4.Attachment | undefined): string {
  return new TextDecoder().decode(Uint8Array.from(atob(attachment?.data ?? ''), (c) => c.charCodeAt(0)));
}

describe('record text with control and bidi characters', () => {
  const assessment = scenario1Eligible();
  assessment.criteria[0]!.evidence.push({ reference: 'Condition/x', ...summarised(asWritten(HOSTILE)) });
  const { documentReference } = buildNote(
    assessment,
    noteContext({
      patient: { reference: 'Patient/p1', display: HOSTILE },
      author: { reference: 'Practitioner/dr-a', display: HOSTILE },
    }),
    { window },
  );

  it('never reaches subject.display or the author’s display', () => {
    expect(documentReference.subject?.display).not.toMatch(UNSAFE);
    expect(documentReference.subject?.display).toContain('Mallory');
    expect(documentReference.author?.[0]?.display).not.toMatch(UNSAFE);
  });

  it('never reaches the assessment JSON, even as a JSON escape', () => {
    const ext = documentReference.extension?.find((e) => e.url === ASSESSMENT_EXTENSION_URL);
    const json = decoded(ext?.valueAttachment);
    expect(json).not.toMatch(UNSAFE);
    expect(json).not.toMatch(/\\u00(0|1)[0-9a-f]|\\u20(2[a-e]|6[6-9])/i);
    const parsed = JSON.stringify(JSON.parse(json));
    expect(parsed).toContain('Mallory');
    expect(JSON.parse(json).assessment.criteria[0].evidence.at(-1).summary).not.toMatch(UNSAFE);
  });
});
