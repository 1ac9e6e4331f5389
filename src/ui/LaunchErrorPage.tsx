import { createRoot } from 'react-dom/client';
import type { LaunchProblem, LaunchProblemKind } from '../smart/launchErrors';

export type PageLanguage = 'en' | 'de';

interface Explanation {
  title: string;
  happened: string;
  todo: string;
}

const RELAUNCH_EN = 'Open the patient in your EHR and start PVP Eligibility again from there.';
const RELAUNCH_DE = 'Öffnen Sie den Patienten in Ihrem KIS und starten Sie PVP Eligibility von dort erneut.';
const ADMIN_EN = 'Please contact your EHR administrator and quote the code below.';
const ADMIN_DE = 'Bitte wenden Sie sich an die KIS-Administration und nennen Sie den Code unten.';

/** Every launch problem says what happened and what to do, in English and German. */
const EXPLANATIONS: Record<PageLanguage, Record<LaunchProblemKind, Explanation>> = {
  en: {
    'no-state': {
      title: 'The app was not launched',
      happened: 'This page was opened directly, not from an EHR, so there is no patient and no authorization.',
      todo: RELAUNCH_EN,
    },
    'expired-session': {
      title: 'The session has expired',
      happened:
        'The launch this page belongs to is no longer known to this browser tab (it may have been closed or reloaded from a bookmark).',
      todo: RELAUNCH_EN,
    },
    'access-denied': {
      title: 'Access was not granted',
      happened: 'The EHR or the user declined to give PVP Eligibility access to the patient record.',
      todo: `${RELAUNCH_EN} If access keeps being declined, ask your EHR administrator to allow the app.`,
    },
    'oauth-error': {
      title: 'The EHR refused the launch',
      happened: 'The EHR’s authorization server returned an error instead of access to the patient record.',
      todo: `${RELAUNCH_EN} If this happens again, contact your EHR administrator and quote the code below.`,
    },
    unreachable: {
      title: 'The EHR could not be reached',
      happened: 'The EHR’s FHIR or authorization server did not answer.',
      todo: `Check the network connection. ${RELAUNCH_EN} If it persists, contact your EHR administrator.`,
    },
    'bad-config': {
      title: 'The app is not set up correctly',
      happened: 'The app’s configuration is missing or wrong, or the EHR does not offer SMART authorization.',
      todo: ADMIN_EN,
    },
    'unknown-ehr': {
      title: 'This EHR is not configured',
      happened:
        'PVP Eligibility was launched from an EHR this installation is not set up for, so it did not connect to it.',
      todo: 'Please contact your administrator to register this EHR in the app’s configuration.',
    },
    'no-iss': {
      title: 'No EHR was given',
      happened: 'The launch page was opened without saying which EHR to connect to, and no default EHR is configured.',
      todo: RELAUNCH_EN,
    },
    'pkce-unsupported': {
      title: 'The EHR does not offer a secure launch',
      happened:
        'The EHR’s authorization server does not support PKCE (S256), which PVP Eligibility requires to protect patient data.',
      todo: ADMIN_EN,
    },
    'token-failed': {
      title: 'The launch could not be completed',
      happened:
        'The EHR did not accept the one-time authorization code (it may have been used already, or it expired).',
      todo: RELAUNCH_EN,
    },
    'no-patient': {
      title: 'No patient was selected',
      happened: 'The EHR granted access but did not say which patient the app is for.',
      todo: 'Open a patient’s chart in your EHR and start PVP Eligibility from there.',
    },
    'app-error': {
      title: 'PVP Eligibility stopped',
      happened: 'The app stopped because of an unexpected error after it had connected to the EHR.',
      todo: 'Reload this page. If it happens again, start PVP Eligibility again from the EHR and tell your EHR administrator.',
    },
    unexpected: {
      title: 'The launch failed',
      happened: 'Something unexpected went wrong while connecting to the EHR.',
      todo: `${RELAUNCH_EN} If it happens again, contact your EHR administrator.`,
    },
  },
  de: {
    'no-state': {
      title: 'Die App wurde nicht gestartet',
      happened:
        'Diese Seite wurde direkt geöffnet, nicht aus einem KIS; daher gibt es weder Patienten noch Berechtigung.',
      todo: RELAUNCH_DE,
    },
    'expired-session': {
      title: 'Die Sitzung ist abgelaufen',
      happened:
        'Der Start, zu dem diese Seite gehört, ist in diesem Browser-Tab nicht mehr bekannt (etwa nach Schließen des Tabs oder über ein Lesezeichen).',
      todo: RELAUNCH_DE,
    },
    'access-denied': {
      title: 'Der Zugriff wurde nicht gewährt',
      happened: 'Das KIS oder der Benutzer hat PVP Eligibility den Zugriff auf die Patientenakte verweigert.',
      todo: `${RELAUNCH_DE} Wird der Zugriff weiter verweigert, bitten Sie die KIS-Administration, die App freizugeben.`,
    },
    'oauth-error': {
      title: 'Das KIS hat den Start abgelehnt',
      happened: 'Der Autorisierungsserver des KIS hat statt des Zugriffs einen Fehler gemeldet.',
      todo: `${RELAUNCH_DE} Tritt das erneut auf: ${ADMIN_DE}`,
    },
    unreachable: {
      title: 'Das KIS ist nicht erreichbar',
      happened: 'Der FHIR- oder Autorisierungsserver des KIS hat nicht geantwortet.',
      todo: `Prüfen Sie die Netzwerkverbindung. ${RELAUNCH_DE} Bleibt der Fehler, wenden Sie sich an die KIS-Administration.`,
    },
    'bad-config': {
      title: 'Die App ist nicht richtig eingerichtet',
      happened:
        'Die Konfiguration der App fehlt oder ist fehlerhaft, oder das KIS bietet keine SMART-Autorisierung an.',
      todo: ADMIN_DE,
    },
    'unknown-ehr': {
      title: 'Dieses KIS ist nicht eingerichtet',
      happened:
        'PVP Eligibility wurde aus einem KIS gestartet, für das diese Installation nicht eingerichtet ist; die App hat sich daher nicht verbunden.',
      todo: 'Bitte wenden Sie sich an die Administration, damit dieses KIS in die Konfiguration der App aufgenommen wird.',
    },
    'no-iss': {
      title: 'Kein KIS angegeben',
      happened: 'Die Startseite wurde ohne Angabe eines KIS geöffnet, und es ist kein Standard-KIS eingerichtet.',
      todo: RELAUNCH_DE,
    },
    'pkce-unsupported': {
      title: 'Das KIS bietet keinen sicheren Start an',
      happened:
        'Der Autorisierungsserver des KIS unterstützt kein PKCE (S256), das PVP Eligibility zum Schutz der Patientendaten verlangt.',
      todo: ADMIN_DE,
    },
    'token-failed': {
      title: 'Der Start konnte nicht abgeschlossen werden',
      happened:
        'Das KIS hat den einmaligen Autorisierungscode nicht angenommen (er wurde vielleicht schon verwendet oder ist abgelaufen).',
      todo: RELAUNCH_DE,
    },
    'no-patient': {
      title: 'Kein Patient ausgewählt',
      happened:
        'Das KIS hat den Zugriff gewährt, aber nicht mitgeteilt, für welchen Patienten die App gestartet wurde.',
      todo: 'Öffnen Sie die Akte eines Patienten im KIS und starten Sie PVP Eligibility von dort.',
    },
    'app-error': {
      title: 'PVP Eligibility wurde angehalten',
      happened: 'Die App ist nach der Verbindung mit dem KIS auf einen unerwarteten Fehler gestoßen.',
      todo: 'Laden Sie diese Seite neu. Tritt der Fehler erneut auf, starten Sie PVP Eligibility erneut aus dem KIS und informieren Sie die KIS-Administration.',
    },
    unexpected: {
      title: 'Der Start ist fehlgeschlagen',
      happened: 'Beim Verbinden mit dem KIS ist ein unerwarteter Fehler aufgetreten.',
      todo: `${RELAUNCH_DE} Tritt das erneut auf, wenden Sie sich an die KIS-Administration.`,
    },
  },
};

const CODE_LABEL: Record<PageLanguage, string> = { en: 'Code', de: 'Code' };

export function pageLanguage(navigatorLanguage: string | undefined): PageLanguage {
  return navigatorLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The plain page shown instead of the app when a launch fails. */
export function LaunchErrorPage({ problem, language }: { problem: LaunchProblem; language: PageLanguage }) {
  const text = EXPLANATIONS[language][problem.kind];
  return (
    <main className="launch-error" role="alert" lang={language} data-problem={problem.kind}>
      <h1>{text.title}</h1>
      <p>{text.happened}</p>
      <p>
        <strong>{text.todo}</strong>
      </p>
      <p className="launch-error-code">
        {CODE_LABEL[language]}: <code>{problem.code ? `${problem.kind} (${problem.code})` : problem.kind}</code>
      </p>
    </main>
  );
}

/** Replaces whatever the page shows with the error page (used by launch.html and index.html). */
export function showLaunchError(container: HTMLElement, problem: LaunchProblem, navigatorLanguage: string | undefined) {
  const language = pageLanguage(navigatorLanguage);
  document.documentElement.lang = language;
  createRoot(container).render(<LaunchErrorPage problem={problem} language={language} />);
}
