/** The report stage's public API. The app imports note-text.ts and note.ts apart (note.ts lazily, to sign). */
export type { Note, NoteContext } from './types';
export { buildNote } from './note';
export { noteText } from './note-text';
export { NoteContextError } from './note-context';
export { noteIdentifier } from './document-reference';
export { readAuditTrail, AUDIT_TRAIL_FORMAT, type AuditTrail } from './audit';
export { NOTE_IDENTIFIER_SYSTEM, ASSESSMENT_EXTENSION_URL, APP_NAME, APP_VERSION } from './identity';
