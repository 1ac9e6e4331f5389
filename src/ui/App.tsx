import { useEffect, useState } from 'react';
import type { LaunchSession } from '../smart/session';

/** The surgeon's view. First version: the patient's name, so the launch can be tested end to end. */
export function App({ session }: { session: LaunchSession }) {
  const [patient, setPatient] = useState<fhir4.Patient | undefined>();
  useEffect(() => {
    let live = true;
    session.client.patient.read().then(
      (p) => live && setPatient(p as fhir4.Patient),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session]);
  const name = patient?.name?.[0];
  const text = name ? (name.text ?? [...(name.given ?? []), name.family ?? ''].join(' ').trim()) : '';
  return (
    <main>
      <h1>PVP eligibility</h1>
      <p data-testid="patient-name">{text}</p>
    </main>
  );
}
