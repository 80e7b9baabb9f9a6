import { setupServer } from 'msw/node';

/** One msw server for the dom project; each test adds its handlers with `server.use(...)`. */
export const server = setupServer();
