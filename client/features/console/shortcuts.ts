/**
 * The console's keyboard shortcuts: one table, read both by the key handler and by the on-screen help (`?`),
 * so the help can never list a key that does nothing or miss one that does something.
 */
import type { MessageKey } from '../../i18n';

export type ShortcutAction =
  'next' | 'previous' | 'ack' | 'shelve' | 'pick' | 'pickGroup' | 'bulkShelve' | 'details' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values that trigger it (no modifiers). */
  keys: readonly string[];
  /** i18n key of what it does, shown in the help. */
  label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: ['ArrowDown', 'j'], label: 'console.key.next' },
  { action: 'previous', keys: ['ArrowUp', 'k'], label: 'console.key.previous' },
  { action: 'ack', keys: ['a'], label: 'console.key.ack' },
  { action: 'shelve', keys: ['s'], label: 'console.key.shelve' },
  { action: 'pick', keys: ['x'], label: 'console.key.pick' },
  { action: 'pickGroup', keys: ['g'], label: 'console.key.pickGroup' },
  { action: 'bulkShelve', keys: ['b'], label: 'console.key.bulkShelve' },
  { action: 'details', keys: ['Enter', 'o'], label: 'console.key.details' },
  { action: 'help', keys: ['?'], label: 'console.key.help' },
];

/** The action a key press means, or null; presses with Ctrl/Alt/Meta are the browser's, not ours. */
export function shortcutFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): ShortcutAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  return SHORTCUTS.find((s) => s.keys.includes(e.key))?.action ?? null;
}

/** Typing in a field must not trigger shortcuts: "a" in a comment is a letter. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
