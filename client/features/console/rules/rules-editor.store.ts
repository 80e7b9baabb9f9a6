import { create } from 'zustand';
import type { AlertRules } from '../../../../protocol/alert-rules.schema';
import type { SensorKind } from '../../../../protocol/sensor-kind';
import { ApiError } from '../../../net/api';
import { fetchRules, saveRules } from './rules-api';
import {
  checkDraft,
  draftOf,
  type KindDraft,
  type RuleProblem,
  type RulesDraft,
  type SiteDraft,
} from './rules-draft';

/** The outcome of the last save, for the editor to say. */
export type SaveOutcome =
  | { kind: 'saved'; seq: number }
  | { kind: 'unchanged' }
  | { kind: 'refused'; status: number; error: string; details?: unknown };

export interface RulesEditorState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The rules in force as the server last said. */
  inForce: AlertRules | null;
  draft: RulesDraft | null;
  /** What the protocol schema finds wrong with the draft, from the last attempt to save. */
  problems: RuleProblem[];
  saving: boolean;
  outcome: SaveOutcome | null;
  loadError: string | null;
  load: () => Promise<void>;
  editKind: (kind: SensorKind, patch: Partial<KindDraft>) => void;
  editSite: (index: number, patch: Partial<SiteDraft>) => void;
  addSite: (siteId: string) => void;
  removeSite: (index: number) => void;
  /** Back to the rules in force. */
  revert: () => void;
  save: () => Promise<void>;
}

const refusal = (e: unknown): SaveOutcome =>
  e instanceof ApiError
    ? { kind: 'refused', status: e.status, error: e.error, details: e.details }
    : { kind: 'refused', status: 0, error: String(e) };

const initial = {
  status: 'idle' as const,
  inForce: null,
  draft: null,
  problems: [],
  saving: false,
  outcome: null,
  loadError: null,
};

export const useRulesEditorStore = create<RulesEditorState>()((set, get) => {
  const editDraft = (change: (d: RulesDraft) => RulesDraft) => {
    const { draft } = get();
    if (draft) set({ draft: change(draft), outcome: null });
  };
  return {
    ...initial,
    load: async () => {
      set({ status: 'loading', loadError: null });
      try {
        const rules = await fetchRules();
        set({ status: 'ready', inForce: rules, draft: draftOf(rules), problems: [] });
      } catch (e) {
        set({ status: 'error', loadError: e instanceof Error ? e.message : String(e) });
      }
    },
    editKind: (kind, patch) =>
      editDraft((d) => ({ ...d, kinds: { ...d.kinds, [kind]: { ...d.kinds[kind], ...patch } } })),
    editSite: (index, patch) =>
      editDraft((d) => ({ ...d, sites: d.sites.map((s, i) => (i === index ? { ...s, ...patch } : s)) })),
    addSite: (siteId) =>
      editDraft((d) => ({
        ...d,
        sites: [...d.sites, { siteId, off: false, warning: '', alarm: '', clear: '' }],
      })),
    removeSite: (index) => editDraft((d) => ({ ...d, sites: d.sites.filter((_, i) => i !== index) })),
    revert: () => {
      const { inForce } = get();
      if (inForce) set({ draft: draftOf(inForce), problems: [], outcome: null });
    },
    save: async () => {
      const { draft, saving } = get();
      if (!draft || saving) return;
      const check = checkDraft(draft);
      if (!check.ok) {
        set({ problems: check.problems, outcome: null });
        return;
      }
      set({ saving: true, problems: [], outcome: null });
      try {
        const answer = await saveRules(check.rules);
        set({
          inForce: answer.rules,
          draft: draftOf(answer.rules),
          outcome: answer.status === 'unchanged' ? { kind: 'unchanged' } : { kind: 'saved', seq: answer.seq },
        });
      } catch (e) {
        set({ outcome: refusal(e) });
      } finally {
        set({ saving: false });
      }
    },
  };
});

/** For tests: a fresh editor. */
export function resetRulesEditorStore(): void {
  useRulesEditorStore.setState(initial);
}
