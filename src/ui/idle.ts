/**
 * Runs `work` when the browser is idle (within `timeoutMs` at the latest), or after `timeoutMs` where
 * the browser cannot tell (Safari has no requestIdleCallback). Returns a cancel.
 */
export function whenIdle(work: () => void, timeoutMs = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, timeoutMs);
  return () => clearTimeout(id);
}
