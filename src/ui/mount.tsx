import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LaunchSession } from '../smart/session';
import { App } from './App';
import { LaunchErrorPage, pageLanguage } from './LaunchErrorPage';
import type { RecordRead } from './recordRead';
import type { Services } from './services';

/**
 * What the launch hands the screen: its session (fhirclient's client in it), the read it started and
 * the stages it read with. The launch's code is a bundle of its own (index.html's inline script): the
 * screen takes these as arguments and never imports them, or it would run a second copy of each.
 */
export interface LaunchHandOver {
  session: LaunchSession;
  launchRead: RecordRead;
  services: Services;
}

/** If the app crashes, a plain page instead of a blank one. */
class AppFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <LaunchErrorPage problem={{ kind: 'app-error' }} language={pageLanguage(navigator.language)} />
    ) : (
      this.props.children
    );
  }
}

/** The screen, once the launch has its session and its reads are on the wire (src/main.ts). */
export function mountApp(container: HTMLElement, { session, launchRead, services }: LaunchHandOver): void {
  createRoot(container).render(
    <StrictMode>
      <AppFailure>
        <App session={session} services={services} launchRead={launchRead} />
      </AppFailure>
    </StrictMode>,
  );
}
