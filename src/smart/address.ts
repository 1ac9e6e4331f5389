import { LAUNCH_PARAMETERS } from './authorize';

/**
 * The address bar after a launch holds no authorization code, state, OAuth error or launch token:
 * they would end up in bookmarks, screenshots and the browser history.
 */
export function addressWithoutLaunchParameters(href: string): string {
  const url = new URL(href);
  return url.pathname;
}

/** launch.html keeps only the parameters SMART defines, so fhirclient's development shortcuts stay off. */
export function addressWithOnlyLaunchParameters(href: string): string {
  const url = new URL(href);
  const kept = new URLSearchParams();
  for (const name of LAUNCH_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}
