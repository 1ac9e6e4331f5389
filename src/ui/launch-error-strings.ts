import type { Lang } from '../lang';
import type { LaunchProblemKind } from '../smart/launchErrors';

/** The launch error page's wording (LaunchErrorPage.tsx), per language. */
export interface Explanation {
  title: string;
  happened: string;
  todo: string;
}

const RELAUNCH_EN = 'Open the patient in your EHR and start PVP Eligibility again from there.';
const RELAUNCH_DE = 'Öffnen Sie den Patienten in Ihrem KIS und starten Sie PVP Eligibility von dort erneut.';
const ADMIN_EN = 'Please contact your EHR administrator and quote the code below.';
const ADMIN_DE = 'Bitte wenden Sie sich an die KIS-Administration und nennen Sie den Code unten.';

/** Every launch problem says what happened and what to do, in English and German. */
export const EXPLANATIONS: Record<Lang, Record<LaunchProblemKind, Explanation>> = {
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
        'The EHR refused to exchange the one-time authorization code for access (the code may have been used already or have expired; the code below says what the EHR answered).',
      todo: RELAUNCH_EN,
    },
    'client-rejected': {
      title: 'The EHR does not accept the app’s registration',
      happened:
        'The EHR’s authorization server rejected PVP Eligibility as a client: the client id in the app’s deployment file is not the one the EHR registered, or the EHR registered the app as a confidential client with a secret, while PVP Eligibility is a public client (PKCE). Starting it again will not help.',
      todo: `${ADMIN_EN} The registration and the app’s deployment file must name the same client id, as a public client.`,
    },
    'csp-blocked': {
      title: 'The app’s security policy blocks this EHR',
      happened:
        'The app’s Content-Security-Policy (its connect-src setting) does not allow connections to this EHR, so the browser stopped the request before it was sent. The EHR itself may be working.',
      todo: 'Please ask the administrator of PVP Eligibility to add this EHR to the app’s deployment file (site.json) and build the app again, or, if the web server sends its own Content-Security-Policy, to add the origin below to its connect-src.',
    },
    'frame-storage-blocked': {
      title: 'Continue in a new window',
      happened:
        'Your browser does not let PVP Eligibility keep its sign-in while it is shown inside this EHR page (it blocks storage for apps embedded from another site).',
      todo: 'Open the app in a new window: it connects to the same EHR, for the same patient. You can close this panel afterwards.',
    },
    'storage-blocked': {
      title: 'The browser blocks the app’s storage',
      happened:
        'PVP Eligibility keeps its sign-in in this browser tab’s session storage, and the browser does not allow that for this app (a privacy setting or policy).',
      todo: 'Allow site data for this app in the browser settings (or ask your IT department), then start PVP Eligibility again from the EHR.',
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
        'Das KIS hat den einmaligen Autorisierungscode nicht gegen einen Zugang eingetauscht (er wurde vielleicht schon verwendet oder ist abgelaufen; der Code unten nennt die Antwort des KIS).',
      todo: RELAUNCH_DE,
    },
    'client-rejected': {
      title: 'Das KIS erkennt die Registrierung der App nicht an',
      happened:
        'Der Autorisierungsserver des KIS hat PVP Eligibility als Client abgelehnt: Die Client-ID in der Einsatzdatei der App ist nicht die im KIS registrierte, oder das KIS hat die App als vertraulichen Client mit Geheimnis registriert, während PVP Eligibility ein öffentlicher Client (PKCE) ist. Ein erneuter Start hilft nicht.',
      todo: `${ADMIN_DE} Registrierung und Einsatzdatei der App müssen dieselbe Client-ID nennen, als öffentlicher Client.`,
    },
    'csp-blocked': {
      title: 'Die Sicherheitsrichtlinie der App sperrt dieses KIS',
      happened:
        'Die Content-Security-Policy der App (ihre Einstellung connect-src) erlaubt keine Verbindung zu diesem KIS; der Browser hat die Anfrage daher gar nicht erst gesendet. Das KIS selbst arbeitet womöglich einwandfrei.',
      todo: 'Bitten Sie die Administration von PVP Eligibility, dieses KIS in die Einsatzdatei der App (site.json) aufzunehmen und die App neu zu bauen oder, falls der Webserver eine eigene Content-Security-Policy sendet, den unten genannten Ursprung in deren connect-src aufzunehmen.',
    },
    'frame-storage-blocked': {
      title: 'In einem neuen Fenster fortfahren',
      happened:
        'Ihr Browser erlaubt PVP Eligibility nicht, die Anmeldung zu speichern, solange die App in dieser KIS-Seite angezeigt wird (er sperrt den Speicher für Apps, die von einer anderen Website eingebettet sind).',
      todo: 'Öffnen Sie die App in einem neuen Fenster: Sie verbindet sich dort mit demselben KIS, für denselben Patienten. Diesen Bereich können Sie danach schließen.',
    },
    'storage-blocked': {
      title: 'Der Browser sperrt den Speicher der App',
      happened:
        'PVP Eligibility speichert die Anmeldung im Sitzungsspeicher dieses Browser-Tabs, und der Browser erlaubt das für diese App nicht (eine Datenschutzeinstellung oder Richtlinie).',
      todo: 'Erlauben Sie Websitedaten für diese App in den Browsereinstellungen (oder fragen Sie Ihre IT-Abteilung) und starten Sie PVP Eligibility dann erneut aus dem KIS.',
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

export const CODE_LABEL: Record<Lang, string> = { en: 'Code', de: 'Code' };

export const NEW_WINDOW: Record<Lang, { open: string; opened: string }> = {
  en: {
    open: 'Open PVP Eligibility in a new window',
    opened:
      'PVP Eligibility has opened in a new window. If no window appeared, allow pop-ups for this EHR page and use the link again.',
  },
  de: {
    open: 'PVP Eligibility in einem neuen Fenster öffnen',
    opened:
      'PVP Eligibility wurde in einem neuen Fenster geöffnet. Erscheint kein Fenster, erlauben Sie Pop-ups für diese KIS-Seite und verwenden Sie den Link erneut.',
  },
};
