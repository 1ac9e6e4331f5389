// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaunchProblemKind } from '../smart/launchErrors';
import { LaunchErrorPage, pageLanguage } from './LaunchErrorPage';

const KINDS: LaunchProblemKind[] = [
  'no-state',
  'expired-session',
  'access-denied',
  'oauth-error',
  'unreachable',
  'bad-config',
  'unknown-ehr',
  'no-iss',
  'pkce-unsupported',
  'token-failed',
  'client-rejected',
  'csp-blocked',
  'frame-storage-blocked',
  'storage-blocked',
  'no-patient',
  'app-error',
  'unexpected',
];

afterEach(cleanup);

describe('LaunchErrorPage', () => {
  it.each(KINDS.flatMap((kind) => (['en', 'de'] as const).map((language) => [kind, language] as const)))(
    '%s in %s says what happened and what to do, never "console"',
    (kind, language) => {
      render(<LaunchErrorPage problem={{ kind }} language={language} />);
      const page = screen.getByRole('alert');
      expect(screen.getByRole('heading', { level: 1 }).textContent).not.toBe('');
      expect(page.querySelectorAll('p').length).toBeGreaterThanOrEqual(3);
      expect(page.getAttribute('lang')).toBe(language);
      expect(page.textContent).not.toMatch(/console/i);
      expect(page.textContent).toMatch(language === 'de' ? /(KIS|Administration|Netzwerk)/ : /(EHR|administrator)/);
    },
  );

  it('names an EHR that is not configured plainly', () => {
    render(<LaunchErrorPage problem={{ kind: 'unknown-ehr' }} language="en" />);
    expect(screen.getByRole('heading').textContent).toBe('This EHR is not configured');
  });

  it('shows the technical code for the administrator as text', () => {
    render(<LaunchErrorPage problem={{ kind: 'token-failed', code: 'invalid_grant' }} language="en" />);
    expect(screen.getByText('token-failed (invalid_grant)').tagName).toBe('CODE');
    expect(screen.getByText(/relaunch|start PVP Eligibility again/i)).toBeTruthy();
  });
});

describe('the offer to continue in a new window', () => {
  const url = 'http://127.0.0.1:4011/launch.html?iss=http%3A%2F%2Flocalhost%3A4010%2Ffhir&launch=abc';

  it('links the same launch into a new window, and says so once used', () => {
    render(<LaunchErrorPage problem={{ kind: 'frame-storage-blocked', newWindowUrl: url }} language="en" />);
    expect(screen.getByRole('heading').textContent).toBe('Continue in a new window');
    const link = screen.getByRole('link', { name: 'Open PVP Eligibility in a new window' });
    expect(link.getAttribute('href')).toBe(url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener');
    expect(screen.queryByRole('status')).toBeNull();
    link.addEventListener('click', (event) => event.preventDefault()); // jsdom does not open windows
    fireEvent.click(link);
    expect(screen.getByRole('status').textContent).toMatch(/opened in a new window/);
  });

  it('is an offer, not an error: no alert, no error frame', () => {
    const { container } = render(
      <LaunchErrorPage problem={{ kind: 'frame-storage-blocked', newWindowUrl: url }} language="de" />,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.querySelector('main')?.className).toBe('launch-error launch-offer');
  });

  it('offers no link on other pages', () => {
    render(<LaunchErrorPage problem={{ kind: 'storage-blocked' }} language="de" />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('pageLanguage', () => {
  it('is German for any German browser language, else English', () => {
    expect(pageLanguage('de')).toBe('de');
    expect(pageLanguage('de-AT')).toBe('de');
    expect(pageLanguage('DE-ch')).toBe('de');
    expect(pageLanguage('en-US')).toBe('en');
    expect(pageLanguage('fr')).toBe('en');
    expect(pageLanguage(undefined)).toBe('en');
  });
});
