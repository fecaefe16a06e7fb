/** What the app says about itself (Configurações › Sobre, the frame's footer). */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** The folder holding the database and settings. */
  dataDir: string;
  /** 'electron' in the desktop app, 'bridge' in the browser preview and e2e tests. */
  shell: 'electron' | 'bridge' | 'cli';
}

/** A store as the renderer may see it: never a token or a secret. */
export interface StoreSummary {
  id: string;
  alias: string;
  name: string;
  timeZone: string;
  isDemo: boolean;
  hasCredentials: boolean;
  /** Whether the last call with these credentials worked; null before the first call. */
  credentialsOk: boolean | null;
  lastSyncAt: string | null;
}

export type ConnectivityState = 'online' | 'offline' | 'unknown';

export interface Connectivity {
  state: ConnectivityState;
  /** ISO time of the API call that showed this state. */
  since: string | null;
}
