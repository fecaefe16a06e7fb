import { dispatchTyped, type Dispatch } from './core/ipc/dispatcher';
/** How long quitting waits for the sync's current page to be written before it quits anyway. */
export const QUIT_WAIT_MS = 10_000;

/**
 * Runs `close` (the core: cancels a running sync between requests, waits for the page being written, closes the
 * database) but gives up after `timeoutMs`, so a hung request or a stuck worker cannot keep the app from quitting.
 * A page's transaction is atomic: quitting in the middle of one loses nothing that was committed.
 */
export async function closeWithin(
  close: () => Promise<void>,
  timeoutMs: number,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
): Promise<'closed' | 'timed-out'> {
  const closed = close().then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  return Promise.race([closed, wait(timeoutMs).then(() => 'timed-out' as const)]);
}

/** The part of Electron's app that quitting uses. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitSteps {
  closeCore: () => Promise<void>;
  /** Runs once the core is closed, just before the process ends: a downloaded update installs here. */
  afterClose?: () => void;
  timeoutMs?: number;
  wait?: (ms: number) => Promise<void>;
}

/** Quitting holds the process until the core closes (bounded), then quits for real. */
export function quitAfterCoreCloses(app: QuittingApp, steps: QuitSteps): void {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  app.on('will-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    void closeWithin(steps.closeCore, steps.timeoutMs ?? QUIT_WAIT_MS, steps.wait).then(() => {
      phase = 'closed';
      steps.afterClose?.();
      app.quit();
    });
  });
}

/**
 * The menu's "Sincronizar agora": asks the core to sync every store through the dispatcher, like a click on
 * Sincronizar. A store already syncing just keeps going.
 */
export async function syncAllStores(dispatch: Dispatch): Promise<void> {
  const stores = await dispatchTyped(dispatch, 'stores.list');
  if (!stores.ok) return;
  for (const store of stores.value) await dispatchTyped(dispatch, 'sync.start', { storeId: store.id });
}

export interface WakeSources {
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  /** Electron's net.isOnline(): the main process has no 'online' event, so it is looked at every `intervalMs`. */
  isOnline: () => boolean;
  intervalMs?: number;
}

/**
 * Tells the core's sync scheduler when the computer woke from sleep and when the machine went from offline to online:
 * the data on screen may then be hours old. Returns a stop function.
 */
export function onWakeOrOnline(sources: WakeSources, scheduler: { onWake(): void; onOnline(): void }): () => void {
  sources.powerMonitor.on('resume', () => scheduler.onWake());
  let online = sources.isOnline();
  const timer = setInterval(() => {
    const now = sources.isOnline();
    if (now && !online) scheduler.onOnline();
    online = now;
  }, sources.intervalMs ?? 15_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** The parts of BrowserWindow a second launch and a crash touch. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** A second launch (the person clicked the icon again) brings the open window forward instead of a second app. */
export function focusWindow(window: FocusableWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export interface CrashingContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  reload(): void;
}

/** After this many crashes in one session the window stops reloading (it would crash again) and says so. */
export const MAX_RELOADS = 3;

/**
 * A renderer that crashed or was killed leaves a blank window: reload it and tell the person why the screen
 * flickered. A clean exit (the window closing) is not a crash.
 */
export function reloadOnCrash(
  contents: CrashingContents,
  tell: (outcome: 'reloaded' | 'gave-up', reason: string) => void,
): void {
  let reloads = 0;
  contents.on('render-process-gone', (_event, { reason }) => {
    if (reason === 'clean-exit') return;
    if (reloads >= MAX_RELOADS) {
      tell('gave-up', reason);
      return;
    }
    reloads += 1;
    contents.reload();
    tell('reloaded', reason);
  });
}
