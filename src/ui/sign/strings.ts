/** The signing panel's wording, English and German. */
export type SignLang = 'en' | 'de';

export interface SignStrings {
  heading: string;
  preview: string;
  sign: string;
  signAmended: string;
  saving: string;
  retry: string;
  savedHeading: string;
  savedLine: string;
  alreadySaved: string;
  documentId: string;
  amendHint: string;
  amendsNote: (id: string) => string;
  provenanceFailed: (reason: string) => string;
  failedHeading: string;
  draftKept: string;
  pendingFromEarlier: (signedAt: string) => string;
  discardDraft: string;
  confirmDiscard: string;
  noWritePermission: string;
  copy: string;
  copied: string;
  copyFailed: string;
  download: string;
  unexpected: (message: string) => string;
  noteBuilderUnavailable: string;
  storageUnavailable: string;
}

const en: SignStrings = {
  heading: 'Sign the consult note',
  preview: 'Preview of the note',
  sign: 'Sign and save to chart',
  signAmended: 'Sign amended note and save to chart',
  saving: 'Saving to the chart…',
  retry: 'Retry',
  savedHeading: 'Saved to the chart',
  savedLine: 'Saved on',
  alreadySaved: 'The chart already had this note; no second copy was written.',
  documentId: 'Document',
  amendHint: 'The assessment changed since the note was saved. Signing again writes a new note that replaces it.',
  amendsNote: (id) => `This note will replace DocumentReference/${id}.`,
  provenanceFailed: (reason) => `The note is saved, but its provenance record (sources and author) was not: ${reason}`,
  failedHeading: 'The note was not saved',
  draftKept:
    'Your signed note is kept in this browser session, also after relaunching the app for this patient. Retrying will not create a second note.',
  pendingFromEarlier: (signedAt) => `A note you signed on ${signedAt} has not been confirmed as saved.`,
  discardDraft: 'Discard this signed note',
  confirmDiscard: 'Discard the signed note? It may already be in the chart if the last answer was lost.',
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
};

const de: SignStrings = {
  heading: 'Konsilbericht signieren',
  preview: 'Vorschau des Berichts',
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
  amendsNote: (id) => `Dieser Bericht ersetzt DocumentReference/${id}.`,
  provenanceFailed: (reason) =>
    `Der Bericht ist gespeichert, der Herkunftsnachweis (Quellen und Autor) jedoch nicht: ${reason}`,
  failedHeading: 'Der Bericht wurde nicht gespeichert',
  draftKept:
    'Ihr signierter Bericht bleibt in dieser Browsersitzung erhalten, auch nach einem Neustart der App für diese Patientin / diesen Patienten. Erneutes Versuchen erzeugt keinen zweiten Bericht.',
  pendingFromEarlier: (signedAt) => `Ein am ${signedAt} signierter Bericht wurde noch nicht als gespeichert bestätigt.`,
  discardDraft: 'Diesen signierten Bericht verwerfen',
  confirmDiscard:
    'Den signierten Bericht verwerfen? Er kann bereits in der Akte sein, falls nur die letzte Antwort verloren ging.',
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
};

export const SIGN_STRINGS: Record<SignLang, SignStrings> = { en, de };
