/**
 * A single-key shortcut acts only on the page itself: never while a dialog is open (its buttons keep the focus and
 * the keys would reach the conversation behind it). Typing in a field is already left alone by Mantine's useHotkeys.
 */
export const onPage =
  <E>(handler: (e: E) => void) =>
  (e: E) => {
    if (document.querySelector('[aria-modal="true"]')) return;
    handler(e);
  };

/** The shortcuts the help lists (`?`), in the order shown; the labels are `shortcuts.*` texts. */
export const SHORTCUTS = [
  ['j / k', 'move'],
  ['Enter', 'open'],
  ['r', 'reply'],
  ['n', 'note'],
  ['e', 'resolve'],
  ['a', 'assign'],
  ['/', 'search'],
  ['Ctrl/⌘ + Enter', 'send'],
  ['Ctrl/⌘ + Shift + Enter', 'sendResolve'],
  ['?', 'help'],
] as const;
