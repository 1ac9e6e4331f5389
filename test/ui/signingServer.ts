import { cleanup } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createWriteServer } from '../report/write-server';

type WriteServer = ReturnType<typeof createWriteServer>;

/**
 * The hooks of a test file that signs notes in jsdom: msw/node with a fresh write server (the EHR
 * that takes the note) and empty session storage for every test. `use` swaps in a server with other
 * options mid-test; `server` takes further handlers.
 */
export function signingServerPerTest() {
  const server = setupServer();
  let current: WriteServer = createWriteServer();
  const use = (options?: Parameters<typeof createWriteServer>[0]): WriteServer => {
    server.resetHandlers();
    current = createWriteServer(options);
    server.use(...current.handlers);
    return current;
  };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    use();
    sessionStorage.clear();
  });
  afterEach(() => {
    cleanup();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return {
    server,
    use,
    /** the write server of the running test */
    get ehr(): WriteServer {
      return current;
    },
  };
}
