import { useSyncExternalStore } from 'react';
import type { AppNotification } from '../api/routingTypes';

// A tiny in-app toast store (Mantine notifications is not installed): a list plus subscribers.
let toasts: AppNotification[] = [];
const listeners = new Set<() => void>();
const timers = new Map<string, number>();
const MAX_TOASTS = 3;

const emit = () => listeners.forEach((l) => l());

export function dismissToast(id: string): void {
  window.clearTimeout(timers.get(id));
  timers.delete(id);
  toasts = toasts.filter((n) => n.id !== id);
  emit();
}

export function dismissAllToasts(): void {
  for (const id of [...timers.keys()]) window.clearTimeout(timers.get(id));
  timers.clear();
  toasts = [];
  emit();
}

/** Shows a notification for a while (longer when urgent); the newest is on top. */
export function pushToast(n: AppNotification): void {
  if (toasts.some((x) => x.id === n.id)) return;
  toasts = [n, ...toasts].slice(0, MAX_TOASTS);
  timers.set(
    n.id,
    window.setTimeout(() => dismissToast(n.id), n.urgent ? 20_000 : 10_000),
  );
  emit();
}

export function useToasts(): AppNotification[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}
