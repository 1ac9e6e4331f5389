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
