/**
 * Per-patient state kept in the browser session (the surgeon's answers, the signed draft). The key
 * names the kind of state, the server and the patient, so nothing of one patient is ever offered
 * for another; what comes back is untrusted JSON for the caller to check field by field.
 */
export function patientStorageKey(kind: string, serverUrl: string, patientId: string): string {
  return `pvp-eligibility:${kind}:v1:${serverUrl.replace(/\/+$/, '')}|Patient/${patientId}`;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** the stored JSON object, or undefined when absent, unreadable or not an object */
export function readStored(storage: Storage | undefined, key: string): Record<string, unknown> | undefined {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** stores `value` (removes the key for undefined); false when the browser refused (quota, private mode) */
export function writeStored(storage: Storage | undefined, key: string, value: unknown): boolean {
  try {
    if (!storage) return false;
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** sessionStorage when the browser allows it (it throws in some sandboxed frames) */
export function sessionStore(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
