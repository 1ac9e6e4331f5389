import { ageInYears, formatDate, patientName, sexOf } from '../format';
import { useI18n } from '../i18n';
import { describeValue } from '../resourceDetails';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

interface Props {
  patient: fhir4.Patient | undefined;
  encounter?: fhir4.Encounter;
  /** the launch asked the app to show a full banner (the EHR shows none around it) */
  fullBanner: boolean;
  /** the record has been read but its Patient could not be: say so, never a blank name */
  unreadable: boolean;
  now: Date;
}

/** Whose record this is: a slim line inside an EHR that shows its own banner, else a full banner. */
export function PatientHeader({ patient, encounter, fullBanner, unreadable, now }: Props) {
  const { t, locale } = useI18n();
  const name = patientName(patient) ?? (patient ? t.unnamedPatient : unreadable ? t.patientUnreadable : '');
  const age = ageInYears(patient?.birthDate, now);
  const sex = t.sexLabel[sexOf(patient)];
  const encounterText = encounter ? describeEncounter(encounter, locale, t.encounterClass) : undefined;
  const identifier = patient?.identifier?.find((i) => typeof i?.value === 'string');

  if (!fullBanner) {
    return (
      <p className="patient-line" data-testid="patient-line">
        <strong data-testid="patient-name">{name}</strong>
        {patient && <span>{[age !== undefined ? t.ageYears(age) : undefined, sex].filter(Boolean).join(', ')}</span>}
        {encounterText && (
          <span>
            {t.encounter}: {encounterText}
          </span>
        )}
      </p>
    );
  }
  return (
    <section className="patient-banner" aria-label={t.patientBanner}>
      <p className="patient-banner-name" data-testid="patient-name">
        {name}
      </p>
      {patient && (
        <dl className="patient-banner-facts">
          <div>
            <dt>{t.born}</dt>
            <dd>
              {formatDate(typeof patient.birthDate === 'string' ? patient.birthDate : undefined, locale)}
              {age !== undefined && ` (${t.ageYears(age)})`}
            </dd>
          </div>
          <div>
            <dt>{t.sex}</dt>
            <dd>{sex}</dd>
          </div>
          {identifier?.value && (
            <div>
              <dt>{t.identifier}</dt>
              <dd>{identifier.value}</dd>
            </div>
          )}
          {encounterText && (
            <div>
              <dt>{t.encounter}</dt>
              <dd>{encounterText}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

/**
 * "outpatient, Dec 5, 2026, 9:28 AM": a class of HL7's ActCode (the system R4 binds Encounter.class
 * to, also when the record leaves it out) in the screen's language, any other as the record names it.
 */
function describeEncounter(encounter: fhir4.Encounter, locale: string, classWords: Record<string, string>): string {
  const code = encounter.class?.code;
  const known =
    code !== undefined && Object.hasOwn(classWords, code) && (encounter.class?.system ?? ACT_CODE) === ACT_CODE;
  const kind =
    (known ? classWords[code] : undefined) ?? encounter.class?.display ?? code ?? describeValue(encounter.type);
  const start = typeof encounter.period?.start === 'string' ? formatDate(encounter.period.start, locale) : '';
  return [kind, start].filter(Boolean).join(', ');
}
