import type { buildNote } from '../../report/note';
import { whenIdle } from '../idle';

/** The note builder's chunk could not be loaded (the app's server did not answer): nothing was written. */
export class NoteBuilderUnavailableError extends Error {
  override readonly name = 'NoteBuilderUnavailableError';
}

let loading: Promise<typeof buildNote> | undefined;

/**
 * The builder of the note the chart receives (text, HTML, DocumentReference) comes in its own
 * chunk: its HTML sanitiser is only needed to sign, so it stays out of the launch. Loaded once; a
 * failed load is tried again on the next call.
 */
export function loadNoteBuilder(): Promise<typeof buildNote> {
  loading ??= import('../../report/note').then(
    (module) => module.buildNote,
    (error: unknown) => {
      loading = undefined;
      throw new NoteBuilderUnavailableError('The note builder could not be loaded.', { cause: error });
    },
  );
  return loading;
}

/**
 * Loads the builder when the browser is idle, so that signing does not wait for it; a failure here
 * is reported when the surgeon signs. Returns a cancel.
 */
export function warmNoteBuilder(): () => void {
  return whenIdle(() => void loadNoteBuilder().catch(() => undefined), 2_000);
}
