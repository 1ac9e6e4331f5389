/** Dates, names and ages for display. Input comes from the wire: every field is checked. */

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** dates are written the same way on the screen and in the note */
export { formatDate, formatDay, localizeDates } from '../report/dates';

/** The name a clinician reads: the official (or first) HumanName, as text or given + family. */
export function patientName(patient: fhir4.Patient | undefined): string | undefined {
  return personName(patient, false);
}

/**
 * The name the note is signed with: the signing user's resource (fhirUser: a Practitioner, most
 * often) with its prefix ("Dr Adaeze Okafor"); undefined when the resource names nobody.
 */
export function signerName(resource: unknown): string | undefined {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (type !== 'Practitioner' && type !== 'Patient' && type !== 'RelatedPerson') return undefined;
  return personName(resource as { name?: fhir4.HumanName[] }, true);
}

function personName(person: { name?: fhir4.HumanName[] } | undefined, withPrefix: boolean): string | undefined {
  const names = Array.isArray(person?.name) ? person.name : [];
  const name = names.find((n) => n?.use === 'official') ?? names.find((n) => n?.use !== 'old') ?? names[0];
  if (!name) return undefined;
  if (isString(name.text)) return name.text.trim();
  const prefix = withPrefix && Array.isArray(name.prefix) ? name.prefix.filter(isString) : [];
  const given = Array.isArray(name.given) ? name.given.filter(isString) : [];
  const family = isString(name.family) ? [name.family] : [];
  const parts = [...given, ...family];
  return parts.length > 0 ? [...prefix, ...parts].join(' ') : undefined;
}

/** fhirUser may be absolute ("https://ehr/fhir/Practitioner/1"); the app reads and names it relatively. */
export function relativeReference(fhirUser: string | undefined): string | undefined {
  return /(?:^|\/)((?:Practitioner|PractitionerRole|Patient|RelatedPerson)\/[A-Za-z0-9\-.]{1,64})$/.exec(
    fhirUser ?? '',
  )?.[1];
}

/** Whole years between a FHIR birthDate and `now`, or undefined when the date is unusable. */
export function ageInYears(birthDate: unknown, now: Date): number | undefined {
  if (!isString(birthDate)) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  let age = now.getUTCFullYear() - year;
  const beforeBirthday = now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 && age < 150 ? age : undefined;
}

export type Sex = 'male' | 'female' | 'other' | 'unknown';

export function sexOf(patient: fhir4.Patient | undefined): Sex {
  const g = patient?.gender;
  return g === 'male' || g === 'female' || g === 'other' ? g : 'unknown';
}
