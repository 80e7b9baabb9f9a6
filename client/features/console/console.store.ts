import { create } from 'zustand';
import type { Alert } from '../../../protocol/state/alerts';
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
  /** The alert the keyboard is on (the list's one tab stop); null means the first open alert. */
  selectedId: string | null;
  /** Whether the on-screen shortcut help is shown. */
  helpOpen: boolean;
  /**
   * What the `s` shortcut does. The console screen registers its shelve form here (`ShelveForm`); a console
   * without one says shelving is not available rather than doing nothing.
   */
  shelve: ((alert: Alert) => void) | null;
  /** The alert whose shelve form is open (one at a time, on the alert in hand). */
  shelvingId: string | null;
  /** The longest shelving the server accepts, once it has said (a refusal names it); null until then. */
  shelveMaxMin: number | null;
  /** Alert ids picked for one action together (bulk shelving), in the order they were picked. */
  picked: string[];
  /** Set when `b` asks the bulk shelve form to take the focus; the form clears it. */
  bulkFocus: boolean;
  setCommands: (commands: LiveCommands) => void;
  setOperator: (operator: string) => void;
  setBusy: (alertId: string, busy: boolean) => void;
  setError: (error: string | null) => void;
  select: (alertId: string | null) => void;
  setHelpOpen: (open: boolean) => void;
  setShelve: (shelve: ((alert: Alert) => void) | null) => void;
  setShelvingId: (alertId: string | null) => void;
  setShelveMaxMin: (minutes: number) => void;
  /** Picks an alert, or unpicks it when it is already picked. */
  togglePicked: (alertId: string) => void;
  /** Adds these alerts to the pick (a whole group at once). */
  pickAll: (alertIds: readonly string[]) => void;
  unpick: (alertIds: readonly string[] | 'all') => void;
  setBulkFocus: (focus: boolean) => void;
}

export const useConsoleStore = create<ConsoleState>()((set) => ({
  commands: null,
  operator: savedOperator(),
  busy: {},
  error: null,
  selectedId: null,
  helpOpen: false,
  shelve: null,
  shelvingId: null,
  shelveMaxMin: null,
  picked: [],
  bulkFocus: false,
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
  select: (selectedId) => set({ selectedId }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setShelve: (shelve) => set({ shelve }),
  setShelvingId: (shelvingId) => set({ shelvingId }),
  setShelveMaxMin: (shelveMaxMin) => set({ shelveMaxMin }),
  togglePicked: (alertId) =>
    set((s) => ({
      picked: s.picked.includes(alertId) ? s.picked.filter((id) => id !== alertId) : [...s.picked, alertId],
    })),
  pickAll: (alertIds) =>
    set((s) => ({ picked: [...s.picked, ...alertIds.filter((id) => !s.picked.includes(id))] })),
  unpick: (alertIds) =>
    set((s) => ({ picked: alertIds === 'all' ? [] : s.picked.filter((id) => !alertIds.includes(id)) })),
  setBulkFocus: (bulkFocus) => set({ bulkFocus }),
}));
