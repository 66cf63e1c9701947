import type { AppNotification } from '../api/routingTypes';
import { pushToast } from './toasts';

let audio: AudioContext | null = null;

/** A short two-tone chime generated with the Web Audio API (no audio files). */
export function playChime(): void {
  try {
    const Ctx =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    const ctx = audio;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.01;
    [880, 1318.5].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.18;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.18);
    });
  } catch {
    // Sound is a courtesy: a blocked or missing audio device must not break the inbox.
  }
}

export const desktopSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/** Asks for permission; browsers only allow this from a user gesture (a click). Also unlocks audio. */
export async function enableDesktopNotifications(): Promise<NotificationPermission | 'unsupported'> {
  playChime();
  if (!desktopSupported()) return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

function desktopNotification(n: AppNotification, open: (conversationId: string) => void): void {
  if (!desktopSupported() || Notification.permission !== 'granted') return;
  try {
    const shown = new Notification(n.title, { body: n.body, tag: n.id, requireInteraction: n.urgent });
    shown.onclick = () => {
      window.focus();
      if (n.conversationId) open(n.conversationId);
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker.
  }
}

/** A notification event for the signed-in agent: in-app toast; urgent ones also ring and show on the desktop. */
export function announce(n: AppNotification, open: (conversationId: string) => void): void {
  pushToast(n);
  if (!n.urgent) return;
  playChime();
  desktopNotification(n, open);
}
