import { describe, expect, it } from 'vitest';
import { configEnv } from './support/config-env';
import { loadConfig } from '../../server/config';
import { DEFAULT_SECURITY } from '../../server/security/options';

describe('bounds on socket messages, replay sessions and downloads from the environment', () => {
  const env = configEnv();

  it('defaults to the security defaults', () => {
    const c = loadConfig(env({}));
    expect(c.messageRateLimit).toEqual(DEFAULT_SECURITY.messageRateLimit);
    expect(c.liveResyncMaxEvents).toBe(DEFAULT_SECURITY.liveResyncMaxEvents);
    expect(c.replaySessions).toEqual(DEFAULT_SECURITY.replaySessions);
    expect(c.exportsPerPrincipal).toBe(DEFAULT_SECURITY.exportsPerPrincipal);
  });

  it('takes every bound from its variable', () => {
    const c = loadConfig(
      env({
        SOCKET_MESSAGE_RATE_WINDOW_MS: '5000',
        SOCKET_MESSAGE_RATE_PER_SOCKET: '20',
        SOCKET_MESSAGE_RATE_PER_PRINCIPAL: '400',
        LIVE_RESYNC_MAX_EVENTS: '2000',
        REPLAY_MAX_SESSIONS: '8',
        REPLAY_MAX_SESSIONS_PER_PRINCIPAL: '2',
        EXPORTS_PER_PRINCIPAL: '1',
      }),
    );
    expect(c.messageRateLimit).toEqual({ windowMs: 5000, perSocket: 20, perPrincipal: 400 });
    expect(c.liveResyncMaxEvents).toBe(2000);
    expect(c.replaySessions).toEqual({ total: 8, perPrincipal: 2 });
    expect(c.exportsPerPrincipal).toBe(1);
  });

  it('refuses bounds that are not whole numbers or that would shut the door on every client', () => {
    expect(() => loadConfig(env({ SOCKET_MESSAGE_RATE_WINDOW_MS: '500' }))).toThrow(
      /SOCKET_MESSAGE_RATE_WINDOW_MS must be a number ≥ 1000/,
    );
    expect(() => loadConfig(env({ SOCKET_MESSAGE_RATE_PER_SOCKET: '20.5' }))).toThrow(/whole number/);
    expect(() => loadConfig(env({ LIVE_RESYNC_MAX_EVENTS: 'many' }))).toThrow(/LIVE_RESYNC_MAX_EVENTS/);
    expect(() => loadConfig(env({ REPLAY_MAX_SESSIONS: '0' }))).toThrow(/REPLAY_MAX_SESSIONS/);
    expect(() => loadConfig(env({ EXPORTS_PER_PRINCIPAL: '0' }))).toThrow(/EXPORTS_PER_PRINCIPAL/);
  });
});
