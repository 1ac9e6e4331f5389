// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { launchedServer, rememberServer, sameServer, sessionStorageWorks, shownInFrame } from '../../src/smart/storage';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sessionStorageWorks', () => {
  it('is true where the tab may keep a session, and leaves nothing behind', () => {
    expect(sessionStorageWorks()).toBe(true);
    expect(sessionStorage.length).toBe(0);
  });

  it('is false where reading sessionStorage throws (Chromium, in a frame of another site)', () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException("Failed to read the 'sessionStorage' property from 'Window'", 'SecurityError');
    });
    expect(sessionStorageWorks()).toBe(false);
  });

  it('is false where writing throws (storage full or disabled)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(sessionStorageWorks()).toBe(false);
  });
});

describe('shownInFrame', () => {
  it('is false for a page of its own, true inside another page or when the top cannot be compared', () => {
    expect(shownInFrame()).toBe(false);
    vi.spyOn(window, 'top', 'get').mockReturnValue({} as Window);
    expect(shownInFrame()).toBe(true);
    vi.spyOn(window, 'top', 'get').mockImplementation(() => {
      throw new DOMException('cross-origin', 'SecurityError');
    });
    expect(shownInFrame()).toBe(true);
  });
});

describe('the launched server, noted for index.html', () => {
  it('is read back in the same tab, and compared with the session’s a trailing slash aside', () => {
    sessionStorage.clear();
    expect(launchedServer()).toBeUndefined();
    rememberServer('https://ehr.example.org/fhir/');
    expect(launchedServer()).toBe('https://ehr.example.org/fhir/');
    expect(sameServer(launchedServer()!, 'https://ehr.example.org/fhir')).toBe(true);
    expect(sameServer(launchedServer()!, 'https://other.example.org/fhir')).toBe(false);
    sessionStorage.clear();
  });

  it('is simply absent where the browser blocks the storage', () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(() => rememberServer('https://ehr.example.org/fhir')).not.toThrow();
    expect(launchedServer()).toBeUndefined();
  });
});
