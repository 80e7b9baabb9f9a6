import { create } from 'zustand';
import type { LiveCommands } from '../../net/live-commands';

const OPERATOR_KEY = 'ioc.console.operator';

function savedOperator(): string {
  try {
    return localStorage.getItem(OPERATOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The console's own state: the connection's commands, who is on duty, and the outcome of the last action. */
export interface ConsoleState {
  commands: LiveCommands | null;
  operator: string;
  /** Alert ids with a command in flight, so their buttons wait. */
  busy: Record<string, true>;
  /** The last refusal, shown until the next action. */
  error: string | null;
  setCommands: (commands: LiveCommands) => void;
  setOperator: (operator: string) => void;
  setBusy: (alertId: string, busy: boolean) => void;
  setError: (error: string | null) => void;
}

export const useConsoleStore = create<ConsoleState>()((set) => ({
  commands: null,
  operator: savedOperator(),
  busy: {},
  error: null,
  setCommands: (commands) => set({ commands }),
  setOperator: (operator) => {
    try {
      localStorage.setItem(OPERATOR_KEY, operator);
    } catch {
      // Private mode: the name lasts for the page only.
    }
    set({ operator });
  },
  setBusy: (alertId, busy) =>
    set((s) => {
      const next = { ...s.busy };
      if (busy) next[alertId] = true;
      else delete next[alertId];
      return { busy: next };
    }),
  setError: (error) => set({ error }),
}));
