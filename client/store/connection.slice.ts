import type { StateCreator } from 'zustand';
import type { RootState } from './store';

/** What the header shows; the English code is also the `data-state` attribute e2e checks look for. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export interface ProtocolMismatch {
  reason: string;
  serverVersion: number | null;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  /** Browser time (ms) the connection entered its current state: "OFFLINE since 14:05" on the wall. */
  connectionSinceMs: number;
  /** Set when the server refused our protocol version: only a reload (new bundle) can fix it. */
  mismatch: ProtocolMismatch | null;
  setConnection: (connection: ConnectionState) => void;
  setMismatch: (mismatch: ProtocolMismatch) => void;
}

export const createConnectionSlice: StateCreator<RootState, [], [], ConnectionSlice> = (set) => ({
  // The first connect is shown as "connecting", which is the same state to an operator as reconnecting.
  connection: 'reconnecting',
  connectionSinceMs: Date.now(),
  mismatch: null,
  setConnection: (connection) =>
    set((s) => (s.connection === connection ? {} : { connection, connectionSinceMs: Date.now() })),
  setMismatch: (mismatch) =>
    set((s) => ({
      mismatch,
      connection: 'offline',
      connectionSinceMs: s.connection === 'offline' ? s.connectionSinceMs : Date.now(),
    })),
});
