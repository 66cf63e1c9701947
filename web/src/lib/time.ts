import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';

/** Current time that re-renders the caller every `intervalMs`, so "3分待ち" keeps counting. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function waitingLabel(t: TFunction, since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return t('time.waitingLessThanMinute');
  if (minutes < 60) return t('time.waitingMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.waitingHours', { count: hours });
  return t('time.waitingDays', { count: Math.floor(hours / 24) });
}

function locale(lang: string): string {
  return lang === 'en' ? 'en-US' : 'ja-JP';
}

/** Time of day for today's items, date + time otherwise. */
export function formatShortTime(iso: string, lang: string, now = Date.now()): string {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(
    locale(lang),
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  ).format(date);
}

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "3分", "1時間5分", "2日": a compact length of time for SLA clocks and ages. */
export function durationLabel(t: TFunction, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('sla.lessThanMinute');
  if (minutes < 60) return t('sla.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('sla.hours', { h: hours, m: minutes % 60 });
  return t('sla.days', { count: Math.floor(hours / 24) });
}
