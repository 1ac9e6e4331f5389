import { practitionerResource, type DemoPractitioner } from './chart';

/** The surgeon the demo authorization server signs in as (the id_token's fhirUser). */
export const DEMO_SURGEON: DemoPractitioner = {
  id: 'spine-surgeon-okafor',
  given: 'Daniel',
  family: 'Okafor',
  prefix: 'Dr.',
  qualification: 'MD, Orthopaedic spine surgery',
};

export const RADIOLOGIST: DemoPractitioner = {
  id: 'radiologist-lindqvist',
  given: 'Maria',
  family: 'Lindqvist',
  prefix: 'Dr.',
  qualification: 'MD, Diagnostic radiology',
};

export const PRIMARY_CARE: DemoPractitioner = {
  id: 'internist-hernandez',
  given: 'Sofia',
  family: 'Hernandez',
  prefix: 'Dr.',
  qualification: 'MD, Internal medicine',
};

export const ONCOLOGIST: DemoPractitioner = {
  id: 'oncologist-reyes',
  given: 'Paul',
  family: 'Reyes',
  prefix: 'Dr.',
  qualification: 'MD, Hematology and oncology',
};

export const RADIOLOGE: DemoPractitioner = {
  id: 'radiologe-hoffmann',
  given: 'Jens',
  family: 'Hoffmann',
  prefix: 'Dr. med.',
  qualification: 'Facharzt für Radiologie',
};

export const HAUSAERZTIN: DemoPractitioner = {
  id: 'hausaerztin-schulz',
  given: 'Katrin',
  family: 'Schulz',
  prefix: 'Dr. med.',
  qualification: 'Fachärztin für Allgemeinmedizin',
};

export const demoSurgeonResource = (): fhir4.Practitioner => practitionerResource(DEMO_SURGEON);
