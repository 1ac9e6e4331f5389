import { quoted } from '../clinical/bundle';
import { arr, codings, field, obj, str } from '../clinical/json';
import { CARE_SETTING } from '../clinical/rulesets/types';
import { UsageError } from './args';

/**
 * The visit the assessment is made in (`--encounter ID`). A Bundle may hold several Encounters, and
 * an in-progress one is not necessarily this visit: it is used only when named, and the text output
 * says which one was used, or that none was.
 */
export type CareSetting =
  | { encounter: fhir4.Encounter; reference: string }
  /** no --encounter: the in-progress Encounters of the input that were deliberately not assumed */
  | { encounter?: undefined; notAssumed: string[] };

/** statuses of an Encounter that did not take place */
const NOT_A_VISIT = new Set(['entered-in-error', 'cancelled']);

/** the Encounters of a Bundle, including those of Bundles nested in a batch-response */
export function encountersIn(bundle: unknown, depth = 0): fhir4.Encounter[] {
  return arr(field(bundle, 'entry')).flatMap((entry) => {
    const resource = obj(field(entry, 'resource'));
    const type = str(field(resource, 'resourceType'));
    if (type === 'Bundle' && depth < 2) return encountersIn(resource, depth + 1);
    return type === 'Encounter' ? [resource as unknown as fhir4.Encounter] : [];
  });
}

/** the patient id an Encounter's subject names, when it is a plain `Patient/<id>` reference */
function subjectPatientId(encounter: fhir4.Encounter): string | undefined {
  return /(?:^|\/)Patient\/([^/]+)$/.exec(str(field(field(encounter, 'subject'), 'reference')) ?? '')?.[1];
}

/** --encounter ID in a Bundle: that Encounter of this patient, or a clear refusal */
export function chooseEncounter(
  encounters: fhir4.Encounter[],
  id: string | undefined,
  patientId: string | undefined,
): CareSetting {
  if (id === undefined) {
    const notAssumed = encounters
      .filter((e) => field(e, 'status') === 'in-progress')
      .map((e) => `Encounter/${str(e.id) ?? '?'}`);
    return { notAssumed };
  }
  const encounter = encounters.find((e) => e.id === id);
  if (!encounter) {
    const known = encounters.map((e) => str(e.id)).filter((e) => e !== undefined);
    const listed =
      known
        .slice(0, 5)
        .map((e) => quoted(e))
        .join(', ') + (known.length > 5 ? `, … ${known.length} in all` : '');
    throw new UsageError(
      `--encounter: the input holds no Encounter ${quoted(id)}${known.length ? ` (it holds: ${listed})` : ''}`,
    );
  }
  return checked(encounter, id, patientId);
}

/** an Encounter read for --encounter ID (a Bundle's or the server's) is this patient's and took place */
export function checked(encounter: fhir4.Encounter, id: string, patientId: string | undefined): CareSetting {
  const subject = subjectPatientId(encounter);
  if (subject !== undefined && patientId !== undefined && subject !== patientId) {
    throw new UsageError(
      `--encounter: ${quoted(`Encounter/${id}`)} belongs to ${quoted(`Patient/${subject}`)}, not to ${quoted(`Patient/${patientId}`)}`,
    );
  }
  const status = str(field(encounter, 'status'));
  if (status && NOT_A_VISIT.has(status))
    throw new UsageError(`--encounter: ${quoted(`Encounter/${id}`)} is ${status}; it cannot be the visit`);
  return { encounter, reference: `Encounter/${id}` };
}

/** where the care setting decides, the answers file can give it */
const ASK = `where it decides, answer "${CARE_SETTING.id}" ("met": an inpatient) in --answers.`;

/** one line for the text output: which visit the care setting comes from, or why none */
export function describeCareSetting(setting: CareSetting): string {
  if (setting.encounter) {
    const classes = codings(field(setting.encounter, 'class')).map((c) => c.code);
    const status = str(field(setting.encounter, 'status'));
    const about = [classes.length ? `class ${classes.join('/')}` : 'no class', status].filter(Boolean).join(', ');
    return `Encounter: ${setting.reference} (${about})${classes.length ? '' : `, so the care setting (hospitalised or not) is unknown; ${ASK}`}`;
  }
  if (setting.notAssumed.length) {
    const first = setting.notAssumed[0]?.slice('Encounter/'.length);
    return `Encounter: none given. The input's in-progress ${setting.notAssumed.join(', ')} is not assumed to be this visit, so the care setting (hospitalised or not) is unknown; give --encounter ${first} to use it, or ${ASK}`;
  }
  return `Encounter: none given (--encounter ID), so the care setting (hospitalised or not) is unknown; ${ASK}`;
}
