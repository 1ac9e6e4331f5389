/**
 * `FHIR.oauth2.ready()` may run only once per page load: the first call exchanges the one-time
 * authorization code, a second would try again and fail. React 19 StrictMode mounts (and runs
 * effects) twice in development, so every caller shares one promise.
 */
export function once<T>(start: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= start());
}
