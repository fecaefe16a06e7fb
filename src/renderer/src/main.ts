import { mount } from 'svelte';
import App from './App.svelte';
import { createApiClient } from '../../shared/ipc/client';
import type { Transport } from '../../shared/ipc/transport';
import { provideApi } from './lib/api';
import './app.css';
import './styles/tables.css';

declare global {
  interface Window {
    /** Set by the preload in Electron; absent in a plain browser. */
    api?: Transport;
  }
}

async function pickTransport(): Promise<Transport> {
  if (window.api) return window.api;
  // Outside Electron (browser preview, e2e tests) the HTTP bridge carries the
  // same contract; its shim is a separate chunk the desktop app never loads.
  const { createBridgeTransport } = await import('./bridge/http-transport');
  return createBridgeTransport(window.location);
}

async function start(): Promise<void> {
  provideApi(createApiClient(await pickTransport()));
  mount(App, { target: document.getElementById('app')! });
}

void start();
