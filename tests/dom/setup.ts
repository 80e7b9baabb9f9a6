import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetSessionStore } from '../../client/access/session.store';
import { resetStore } from '../../client/store/store';
import { server } from './msw-server';

// A request no test expected is a bug in the code under test (or a missing handler), never a pass.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  resetStore();
  resetSessionStore();
});
afterAll(() => server.close());
