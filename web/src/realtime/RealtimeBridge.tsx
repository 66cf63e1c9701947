import { useEffect, useRef, useState } from 'react';
import { Affix, Alert } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyEvent, type KoeEvent } from './applyEvent';
import { useNavigate } from 'react-router-dom';
import { sessionKeys } from '../api/session';
import { announce } from './alerts';
import { ToastStack } from './ToastStack';

const EVENT_TYPES: KoeEvent['type'][] = [
  'conversation.updated',
  'message.created',
  'message.updated',
  'counts',
  'notification',
  'incident.updated',
  'spike.detected',
  'conversation.viewers',
];
// Bursts of events (e.g. many new conversations) collapse into one refetch per query.
const REFETCH_DELAY_MS = 250;
const RECONNECT_DELAY_MS = 5_000;
const OFFLINE_NOTICE_DELAY_MS = 3_000;

/** Keeps the query cache live from GET /api/events (SSE). Renders only a "reconnecting" notice. */
export function RealtimeBridge() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [offline, setOffline] = useState(false);
  const pending = useRef(new Map<string, readonly unknown[]>());
  const navigate = useNavigate();
  // The stream outlives renders; read the latest navigate through a ref.
  const openRef = useRef((id: string) => navigate(`/conversations/${encodeURIComponent(id)}`));
  useEffect(() => {
    openRef.current = (id: string) => navigate(`/conversations/${encodeURIComponent(id)}`);
  }, [navigate]);

  useEffect(() => {
    let source: EventSource | null = null;
    let closed = false;
    let flushTimer: number | undefined;
    let reconnectTimer: number | undefined;
    let offlineTimer: number | undefined;

    const refetchSoon = (key: readonly unknown[]) => {
      pending.current.set(JSON.stringify(key), key);
      if (flushTimer !== undefined) return;
      flushTimer = window.setTimeout(() => {
        flushTimer = undefined;
        for (const queryKey of pending.current.values()) void queryClient.invalidateQueries({ queryKey });
        pending.current.clear();
      }, REFETCH_DELAY_MS);
    };

    const connect = () => {
      source = new EventSource('/api/events');
      source.onopen = () => {
        // Lets tests (and curious admins) see that the stream is live.
        document.documentElement.dataset.realtime = 'open';
        window.clearTimeout(offlineTimer);
        setOffline(false);
        // Events may have been missed while disconnected, or (on the first connection) between a page's first
        // fetches and the stream going live: resync everything visible.
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      };
      source.onerror = () => {
        delete document.documentElement.dataset.realtime;
        window.clearTimeout(offlineTimer);
        offlineTimer = window.setTimeout(() => setOffline(true), OFFLINE_NOTICE_DELAY_MS);
        if (source?.readyState === EventSource.CLOSED && !closed) {
          // The browser gave up (e.g. 401): check the session, then try again later.
          void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
          reconnectTimer = window.setTimeout(connect, RECONNECT_DELAY_MS);
        }
      };
      for (const type of EVENT_TYPES) {
        source.addEventListener(type, (e) => {
          try {
            const data: unknown = JSON.parse((e as MessageEvent<string>).data);
            const event = { type, data } as KoeEvent;
            applyEvent(queryClient, event, refetchSoon);
            if (event.type === 'notification') announce(event.data, (id) => openRef.current(id));
          } catch {
            // A malformed event must not break the stream; the next refetch heals the cache.
          }
        });
      }
    };

    connect();
    return () => {
      closed = true;
      source?.close();
      delete document.documentElement.dataset.realtime;
      window.clearTimeout(flushTimer);
      window.clearTimeout(reconnectTimer);
      window.clearTimeout(offlineTimer);
    };
  }, [queryClient]);

  return (
    <>
      <ToastStack />
      {offline && (
        <Affix position={{ bottom: 16, left: 16 }}>
          <Alert color="yellow" variant="filled" py={6} px="sm" data-testid="realtime-offline">
            {t('inbox.realtimeOffline')}
          </Alert>
        </Affix>
      )}
    </>
  );
}
