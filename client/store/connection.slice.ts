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
  /** Set when the server refused our protocol version: only a reload (new bundle) can fix it. */
  mismatch: ProtocolMismatch | null;
  setConnection: (connection: ConnectionState) => void;
  setMismatch: (mismatch: ProtocolMismatch) => void;
}

export const createConnectionSlice: StateCreator<RootState, [], [], ConnectionSlice> = (set) => ({
  // The first connect is shown as "connecting", which is the same state to an operator as reconnecting.
  connection: 'reconnecting',
  mismatch: null,
  setConnection: (connection) => set({ connection }),
  setMismatch: (mismatch) => set({ mismatch, connection: 'offline' }),
});
