/**
 * fhirclient keeps a launch's state and tokens in the tab's sessionStorage, and a browser may deny
 * it: reading `sessionStorage` then throws a SecurityError. Chromium does so in a frame of another
 * site when third-party storage is blocked, which is how an EHR on its own domain embeds the app.
 */
export function sessionStorageWorks(): boolean {
  try {
    const probe = 'pvp-eligibility:storage-probe';
    window.sessionStorage.setItem(probe, '1');
    window.sessionStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/** The page is shown inside another page (an EHR's frame); a frame of another origin may not even be compared. */
export function shownInFrame(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

const SERVER_KEY = 'pvp-eligibility:launched-server';

/**
 * The FHIR base a launch goes to, noted by launch.html before the authorization, so that index.html
 * can ask for the server's CapabilityStatement while the token is exchanged (it needs no token).
 * A base URL only; the launch's state and tokens stay where fhirclient keeps them.
 */
export function rememberServer(iss: string): void {
  try {
    sessionStorage.setItem(SERVER_KEY, iss);
  } catch {
    // then index.html reads the server's capabilities not at all, as before
  }
}

export function launchedServer(): string | undefined {
  try {
    return sessionStorage.getItem(SERVER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** the same FHIR base, a trailing slash aside (a tab's earlier launch may have noted another) */
export const sameServer = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
