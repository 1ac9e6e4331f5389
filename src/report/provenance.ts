import type { Assessment } from '../clinical/assessment';
import { APP_DEVICE_IDENTIFIER } from './identity';
import { noteIdentifier } from './document-reference';
import type { NoteContext } from './types';

const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/** "Condition/123" or "Condition/123/_history/2": a literal reference to a record resource. */
const RESOURCE_REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * Who and what made the note: the surgeon (author), the app (a contained Device with its name and
 * version, since the server need not hold a Device resource for it) and every record resource the
 * evidence of the assessments (guideline and each payer's coverage) cites.
 * The target names the note by its business identifier; saveNote adds the literal reference.
 */
export function buildProvenance(
  assessments: Assessment[],
  context: NoteContext,
  app: { name: string; version: string },
): fhir4.Provenance {
  const sources = [
    ...new Set(
      assessments
        .flatMap((a) => a.criteria.flatMap((c) => c.evidence.map((e) => e.reference)))
        .filter((r) => RESOURCE_REFERENCE.test(r)),
    ),
  ].sort();
  const device: fhir4.Device = {
    resourceType: 'Device',
    id: 'app',
    identifier: [APP_DEVICE_IDENTIFIER],
    deviceName: [{ name: app.name, type: 'user-friendly-name' }],
    version: [{ value: app.version }],
  };
  return {
    resourceType: 'Provenance',
    contained: [device],
    target: [{ type: 'DocumentReference', identifier: noteIdentifier(context.assessmentId) }],
    recorded: context.signedAt,
    agent: [
      ...(context.author
        ? [
            {
              type: { coding: [{ system: PARTICIPANT_TYPE, code: 'author', display: 'Author' }] },
              who: context.author,
            },
          ]
        : []),
      {
        type: { coding: [{ system: PARTICIPANT_TYPE, code: 'assembler', display: 'Assembler' }] },
        who: { reference: '#app', type: 'Device', display: `${app.name} ${app.version}` },
      },
    ],
    ...(sources.length
      ? { entity: sources.map((reference) => ({ role: 'source' as const, what: { reference } })) }
      : {}),
  };
}
