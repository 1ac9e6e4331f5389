import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { LaunchSession } from '../smart/session';
import { App } from './App';
import { LaunchErrorPage, pageLanguage } from './LaunchErrorPage';
import type { RecordRead } from './recordRead';

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
export function mountApp(container: HTMLElement, session: LaunchSession, launchRead: RecordRead): void {
  createRoot(container).render(
    <StrictMode>
      <AppFailure>
        <App session={session} launchRead={launchRead} />
      </AppFailure>
    </StrictMode>,
  );
}
