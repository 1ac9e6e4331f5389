import type { Lang } from '../lang';
import { MAX_RESPONSE_BYTES } from './body';
import { FhirError, type FhirErrorKind } from './errors';

const MAX_RESPONSE_MB = MAX_RESPONSE_BYTES / 1024 / 1024;

/**
 * What went wrong, in the surgeon's words; never a URL, a token or a stack trace. Exported as the catalogue of
 * the EHR's error sentences (the pseudo-locale test rewrites its English).
 */
export const FHIR_ERROR_STRINGS: Record<
  Lang,
  {
    sentences: Record<FhirErrorKind | 'unknown', string>;
    /** the server's own reason, quoted */
    serverSaid: (text: string) => string;
    /** the server's Retry-After */
    wait: (seconds: number) => string;
  }
> = {
  en: {
    sentences: {
      network: 'The EHR could not be reached. Check the network connection and try again.',
      timeout: 'The EHR did not answer in time. Try again.',
      unauthorized: 'The session with the EHR has expired. Launch the app again from the chart.',
      forbidden: 'The EHR did not allow the app to read or write this data.',
      'not-found': 'The EHR does not have this record.',
      gone: 'The EHR no longer has these results. Try again.',
      conflict: 'The record changed in the EHR in the meantime. Reload and try again.',
      rejected: 'The EHR rejected the request.',
      'rate-limited': 'The EHR is busy. Wait a moment and try again.',
      server: 'The EHR had an internal error. Try again later.',
      'invalid-response': 'The EHR sent an answer the app cannot read.',
      redirected:
        'The EHR redirected the request to another address; the app does not follow it (it could lead away from the EHR).',
      'too-large': `The EHR sent an answer larger than ${MAX_RESPONSE_MB} MB, more than the app reads.`,
      'wrong-patient':
        'The EHR answered with another patient than the one the app was launched for. Nothing is shown; launch the app again from the chart.',
      aborted: 'The request was cancelled.',
      unknown: 'Something went wrong while talking to the EHR. Try again.',
    },
    serverSaid: (text) => `The EHR said: "${text}"`,
    wait: (seconds) => `It asked to wait ${seconds} s.`,
  },
  de: {
    sentences: {
      network: 'Das KIS ist nicht erreichbar. Bitte die Netzwerkverbindung prüfen und erneut versuchen.',
      timeout: 'Das KIS hat nicht rechtzeitig geantwortet. Bitte erneut versuchen.',
      unauthorized: 'Die Sitzung mit dem KIS ist abgelaufen. Bitte die App erneut aus der Akte starten.',
      forbidden: 'Das KIS erlaubt der App nicht, diese Daten zu lesen oder zu schreiben.',
      'not-found': 'Das KIS hat diesen Eintrag nicht.',
      gone: 'Das KIS hat diese Ergebnisse nicht mehr. Bitte erneut versuchen.',
      conflict: 'Der Eintrag wurde im KIS inzwischen geändert. Bitte neu laden und erneut versuchen.',
      rejected: 'Das KIS hat die Anfrage abgelehnt.',
      'rate-limited': 'Das KIS ist ausgelastet. Bitte kurz warten und erneut versuchen.',
      server: 'Im KIS ist ein interner Fehler aufgetreten. Bitte später erneut versuchen.',
      'invalid-response': 'Das KIS hat eine Antwort geschickt, die die App nicht lesen kann.',
      redirected:
        'Das KIS hat die Anfrage an eine andere Adresse umgeleitet; die App folgt dem nicht (es könnte vom KIS wegführen).',
      'too-large': `Das KIS hat eine Antwort über ${MAX_RESPONSE_MB} MB geschickt, mehr als die App liest.`,
      'wrong-patient':
        'Das KIS hat mit einer anderen Person geantwortet als der, für die die App gestartet wurde. Es wird nichts angezeigt; bitte die App erneut aus der Akte starten.',
      aborted: 'Die Anfrage wurde abgebrochen.',
      unknown: 'Bei der Verbindung mit dem KIS ist ein Fehler aufgetreten. Bitte erneut versuchen.',
    },
    serverSaid: (text) => `Meldung des KIS: „${text}“`,
    wait: (seconds) => `Es bat, ${seconds} s zu warten.`,
  },
};

export function describeFhirError(error: unknown, lang: Lang): string {
  const s = FHIR_ERROR_STRINGS[lang];
  if (!(error instanceof FhirError)) return s.sentences.unknown;
  const parts = [s.sentences[error.kind]];
  if (error.details.serverMessage) parts.push(s.serverSaid(error.details.serverMessage));
  if (error.details.retryAfterSeconds !== undefined && error.details.retryAfterSeconds > 0) {
    parts.push(s.wait(error.details.retryAfterSeconds));
  }
  return parts.join(' ');
}
