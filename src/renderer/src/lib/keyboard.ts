/** Whether a key press goes to something the person is typing in: shortcuts must leave those keys alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * A key with a modifier belongs to the browser or the system (Ctrl+R, Cmd+Q). AltGr is not one: keyboards that
 * type [ or ] with it report Ctrl+Alt as well.
 */
export function hasModifier(event: KeyboardEvent): boolean {
  if (event.getModifierState('AltGraph')) return false;
  return event.ctrlKey || event.metaKey || event.altKey;
}
