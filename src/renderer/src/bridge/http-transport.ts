import type { Envelope } from '../../../shared/errors';
import type { Transport } from '../../../shared/ipc/transport';
import { isCallName, isEventName } from '../../../shared/ipc/contract';

const TOKEN_KEY = 'balcao-bridge-token';
const PREFIX = '/__bridge/';

/**
 * window.api for a plain browser: the token arrives once in the URL fragment
 * (never sent over the wire), is kept for the tab's life, and is removed from
 * the address bar.
 */
export function createBridgeTransport(location: Location): Transport {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('bridge-token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source) return;
    source = new EventSource(`${PREFIX}events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  }

  return {
    async invoke(channel, input) {
      if (!isCallName(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL' } };
      }
      try {
        const response = await fetch(`${PREFIX}call/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ input }),
          // A call made as the page goes away (a note saved on close or reload) must still reach the core.
          keepalive: true,
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        // The preview bridge is not answering.
        return { ok: false, error: { code: 'INTERNAL' } };
      }
    },
    subscribe(event, listener) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${event.slice(0, 80)}`);
      ensureEventSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

/** A finished export's one-time download (`ExportOutcome.download`) as a link this tab may follow: with the token. */
export function bridgeDownloadHref(download: string): string {
  return `${PREFIX}${download}?token=${encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '')}`;
}
