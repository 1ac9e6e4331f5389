import type { Lang } from '../../lang';

/** The signing panel's wording, in each language of the app. */

export interface SignStrings {
  heading: string;
  preview: string;
  /** the preview's title while the signed note waits to be saved */
  previewSigned: string;
  /** the preview's title after the save: the note exactly as the chart received it */
  previewSaved: string;
  /** the preview's title once the assessment changed after a save */
  previewAmendment: string;
  sign: string;
  signAmended: string;
  saving: string;
  retry: string;
  savedHeading: string;
  savedLine: string;
  alreadySaved: string;
  documentId: string;
  amendHint: string;
  provenanceFailed: (reason: string) => string;
  failedHeading: string;
  draftKept: string;
  pendingFromEarlier: (signedAt: string) => string;
  discardDraft: string;
  /** the signed, unsaved note differs from the assessment on screen: `signed` and `now` are the verdicts */
  draftStale: (signed: string, now: string) => string;
  draftStaleChoice: string;
  discardAndSign: string;
  checkingChart: string;
  cannotCheckChart: string;
  checkFailed: (reason: string) => string;
  confirmDiscard: string;
  noWritePermission: string;
  patientLaunch: string;
  copy: string;
  copied: string;
  copyFailed: string;
  download: string;
  unexpected: (message: string) => string;
  noteBuilderUnavailable: string;
  storageUnavailable: string;
  savedUnverifiedHeading: string;
  savedUnverified: string;
  cannotVerifyWhenSaved: string;
  /** `date`: when the replaced note was signed (unknown for a note saved by an older version) */
  earlierSuperseded: (date: string | undefined) => string;
  /** `reason`: why the EHR refused; none when this launch may not change documents */
  earlierStillCurrent: (date: string | undefined, reason: string | undefined) => string;
  earlierStaysCurrent: string;
  /** a relaunch found the app's note in the chart: signing replaces it */
  replacesChartNote: (date: string, recommendation: string | undefined) => string;
}

const en: SignStrings = {
  heading: 'Sign the consult note',
  preview: 'Preview of the note',
  previewSigned: 'The signed note, not saved yet',
  previewSaved: 'The note as saved to the chart',
  previewAmendment: 'Preview of the amended note (not signed yet)',
  sign: 'Sign and save to chart',
  signAmended: 'Sign amended note and save to chart',
  saving: 'Saving to the chart…',
  retry: 'Retry',
  savedHeading: 'Saved to the chart',
  savedLine: 'Saved on',
  alreadySaved: 'The chart already had this note; no second copy was written.',
  documentId: 'Document',
  amendHint: 'The assessment changed since the note was saved. Signing again writes a new note that replaces it.',
  provenanceFailed: (reason) => `The note is saved, but its provenance record (sources and author) was not: ${reason}`,
  failedHeading: 'The note was not saved',
  draftKept:
    'Your signed note is kept in this browser session, also after relaunching the app for this patient. Retrying will not create a second note.',
  pendingFromEarlier: (signedAt) => `A note you signed on ${signedAt} has not been confirmed as saved.`,
  discardDraft: 'Discard this signed note',
  draftStale: (signed, now) =>
    'The signed note no longer matches the assessment on screen: ' +
    (signed === now
      ? 'answers or findings changed since you signed it.'
      : `the note says “${signed}”, the screen now says “${now}”.`),
  draftStaleChoice:
    'Sign the current assessment instead. To save the note as signed, change the answers back to those it was signed with.',
  discardAndSign: 'Discard and sign the current assessment',
  checkingChart: 'Looking for the signed note in the chart…',
  cannotCheckChart:
    'This launch may not read documents, so the app cannot check whether the signed note reached the chart.',
  checkFailed: (reason) => `The app could not check whether the signed note reached the chart: ${reason}`,
  confirmDiscard:
    "It may already be in the chart if the EHR's reply was lost: look for it in the EHR's document viewer. Press the button again to discard it.",
  patientLaunch:
    'This app was launched by a patient (the EHR names a patient as the user), so it signs no note: a recommendation in the chart is signed by the surgeon, in a launch from the EHR.',
  noWritePermission:
    'This launch was not granted permission to write documents (DocumentReference) to the chart, so the note cannot be saved there. Copy or download it and file it in the chart.',
  copy: 'Copy note',
  copied: 'The note is on the clipboard.',
  copyFailed: 'Copying was not allowed by the browser: select the text of the preview and copy it.',
  download: 'Download note (.txt)',
  unexpected: (message) => `The note could not be prepared: ${message}`,
  noteBuilderUnavailable:
    'The app could not load the part that prepares the note for the chart: its server did not answer. Check the connection and retry.',
  storageUnavailable:
    'This browser does not allow keeping the signed note in the session: if saving fails, copy or download the note before closing the app.',
  savedUnverifiedHeading: 'Saved to the chart, not verified',
  savedUnverified:
    "The EHR accepted the note, but this launch may not read documents, so the app could not check it in the chart. Look for it in the EHR's document viewer; do not sign it again.",
  cannotVerifyWhenSaved:
    'This launch may save the note but not read documents: after saving, the app can only report that the EHR accepted the note, not check it in the chart.',
  earlierSuperseded: (date) => `The earlier note${date ? ` of ${date}` : ''} is now marked superseded.`,
  earlierStillCurrent: (date, reason) =>
    `The earlier note${date ? ` of ${date}` : ''} is still marked current in the chart, beside this one, until it is marked superseded in the EHR. ` +
    (reason ? `The EHR did not allow the app to change it: ${reason}` : 'This launch may not change documents.'),
  earlierStaysCurrent:
    'This launch may not change documents: the earlier note will stay marked current in the chart beside the new one.',
  replacesChartNote: (date, recommendation) =>
    `Signing writes a new note that replaces the note of ${date}${recommendation ? ` (${recommendation})` : ''}.`,
};

const de: SignStrings = {
  heading: 'Konsilbericht signieren',
  preview: 'Vorschau des Berichts',
  previewSigned: 'Der signierte Bericht, noch nicht gespeichert',
  previewSaved: 'Der Bericht, wie er in der Akte gespeichert ist',
  previewAmendment: 'Vorschau des geänderten Berichts (noch nicht signiert)',
  sign: 'Signieren und in der Akte speichern',
  signAmended: 'Geänderten Bericht signieren und in der Akte speichern',
  saving: 'Wird in der Akte gespeichert…',
  retry: 'Erneut versuchen',
  savedHeading: 'In der Akte gespeichert',
  savedLine: 'Gespeichert am',
  alreadySaved: 'Die Akte hatte diesen Bericht bereits; es wurde keine zweite Kopie geschrieben.',
  documentId: 'Dokument',
  amendHint:
    'Die Beurteilung hat sich seit dem Speichern geändert. Erneutes Signieren schreibt einen neuen Bericht, der den bisherigen ersetzt.',
  provenanceFailed: (reason) =>
    `Der Bericht ist gespeichert, der Herkunftsnachweis (Quellen und Autor) jedoch nicht: ${reason}`,
  failedHeading: 'Der Bericht wurde nicht gespeichert',
  draftKept:
    'Ihr signierter Bericht bleibt in dieser Browsersitzung erhalten, auch nach einem Neustart der App für diese Patientin / diesen Patienten. Erneutes Versuchen erzeugt keinen zweiten Bericht.',
  pendingFromEarlier: (signedAt) => `Ein am ${signedAt} signierter Bericht wurde noch nicht als gespeichert bestätigt.`,
  discardDraft: 'Diesen signierten Bericht verwerfen',
  draftStale: (signed, now) =>
    'Der signierte Bericht passt nicht mehr zur angezeigten Beurteilung: ' +
    (signed === now
      ? 'Antworten oder Befunde haben sich seit dem Signieren geändert.'
      : `Der Bericht lautet „${signed}“, die Anzeige jetzt „${now}“.`),
  draftStaleChoice:
    'Signieren Sie stattdessen die aktuelle Beurteilung. Um den Bericht wie signiert zu speichern, stellen Sie die Antworten wieder her, mit denen er signiert wurde.',
  discardAndSign: 'Verwerfen und die aktuelle Beurteilung signieren',
  checkingChart: 'Der signierte Bericht wird in der Akte gesucht…',
  cannotCheckChart:
    'Dieser Start darf keine Dokumente lesen; die App kann daher nicht prüfen, ob der signierte Bericht in der Akte angekommen ist.',
  checkFailed: (reason) =>
    `Die App konnte nicht prüfen, ob der signierte Bericht in der Akte angekommen ist: ${reason}`,
  confirmDiscard:
    'Er kann bereits in der Akte sein, falls die Rückmeldung des KIS verloren ging: bitte in der Dokumentenansicht des KIS nachsehen. Zum Verwerfen die Schaltfläche erneut drücken.',
  patientLaunch:
    'Die App wurde von einer Patientin oder einem Patienten gestartet (das KIS nennt einen Patienten als Benutzer), daher signiert sie keinen Bericht: eine Empfehlung in der Akte signiert die Chirurgin oder der Chirurg, gestartet aus dem KIS.',
  noWritePermission:
    'Dieser Start hat keine Berechtigung, Dokumente (DocumentReference) in die Akte zu schreiben; der Bericht kann dort nicht gespeichert werden. Bitte kopieren oder herunterladen und in der Akte ablegen.',
  copy: 'Bericht kopieren',
  copied: 'Der Bericht ist in der Zwischenablage.',
  copyFailed: 'Der Browser hat das Kopieren nicht erlaubt: bitte den Text der Vorschau markieren und kopieren.',
  download: 'Bericht herunterladen (.txt)',
  unexpected: (message) => `Der Bericht konnte nicht erstellt werden: ${message}`,
  noteBuilderUnavailable:
    'Die App konnte den Teil, der den Bericht für die Akte erstellt, nicht laden: ihr Server hat nicht geantwortet. Bitte die Verbindung prüfen und erneut versuchen.',
  storageUnavailable:
    'Dieser Browser erlaubt nicht, den signierten Bericht in der Sitzung aufzubewahren: falls das Speichern fehlschlägt, den Bericht vor dem Schließen kopieren oder herunterladen.',
  savedUnverifiedHeading: 'In der Akte gespeichert, nicht überprüft',
  savedUnverified:
    'Das KIS hat den Bericht angenommen, aber dieser Start darf keine Dokumente lesen; die App konnte ihn daher in der Akte nicht überprüfen. Bitte in der Dokumentenansicht des KIS nachsehen und nicht erneut signieren.',
  cannotVerifyWhenSaved:
    'Dieser Start darf den Bericht speichern, aber keine Dokumente lesen: nach dem Speichern kann die App nur melden, dass das KIS den Bericht angenommen hat, ihn aber nicht in der Akte überprüfen.',
  earlierSuperseded: (date) => `Der frühere Bericht${date ? ` vom ${date}` : ''} ist jetzt als ersetzt markiert.`,
  earlierStillCurrent: (date, reason) =>
    `Der frühere Bericht${date ? ` vom ${date}` : ''} ist in der Akte neben diesem weiterhin als aktuell markiert, bis er im KIS als ersetzt markiert wird. ` +
    (reason
      ? `Das KIS hat der App die Änderung nicht erlaubt: ${reason}`
      : 'Dieser Start darf keine Dokumente ändern.'),
  earlierStaysCurrent:
    'Dieser Start darf keine Dokumente ändern: der frühere Bericht bleibt in der Akte neben dem neuen als aktuell markiert.',
  replacesChartNote: (date, recommendation) =>
    `Signieren schreibt einen neuen Bericht, der den Bericht vom ${date}${recommendation ? ` (${recommendation})` : ''} ersetzt.`,
};

export const SIGN_STRINGS: Record<Lang, SignStrings> = { en, de };
