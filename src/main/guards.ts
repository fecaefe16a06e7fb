import type { Session, WebContents } from 'electron';

/** What the guards read from a navigation event (Electron passes the URL both on the event and as an argument). */
export interface NavigationEvent {
  preventDefault(): void;
  url?: string;
}

/** The part of WebContents the guards use; tests pass a stand-in. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Keeps a web contents on the app's own pages: navigation and redirects elsewhere are cancelled, new windows and
 * <webview> are refused. A link to the outside world is never opened from here: the renderer's URLs are not trusted
 * with the person's browser; main opens only the links it built itself (external-links.ts).
 */
export function guardWebContents(contents: GuardedContents, isTrustedUrl: (url: string) => boolean, log: GuardLog) {
  const refuseUntrusted = (kind: string) => (event: NavigationEvent, url: string) => {
    const target = event.url ?? url;
    if (isTrustedUrl(target)) return;
    event.preventDefault();
    log.warn(`${kind} refused`, { url: target.slice(0, 200) });
  };
  contents.on('will-navigate', refuseUntrusted('navigation'));
  contents.on('will-redirect', refuseUntrusted('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('new window refused', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

/** The part of Electron's app that announces every new web contents. */
export interface WebContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): unknown;
}

/**
 * Guards every web contents the app ever creates (windows, a devtools host, anything a future feature opens), not
 * just the main window: one that is forgotten cannot navigate or open windows either.
 */
export function guardAllWebContents(app: WebContentsSource, isTrustedUrl: (url: string) => boolean, log: GuardLog) {
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents as unknown as GuardedContents, isTrustedUrl, log),
  );
}

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/** The app needs no camera, microphone, notifications, geolocation, USB, HID or serial device: refuse them all. */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
