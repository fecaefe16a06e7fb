import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import {
  denyPermissions,
  guardAllWebContents,
  guardWebContents,
  type GuardedContents,
  type PermissionSession,
  type WebContentsSource,
} from '../../../src/main/guards';
import { createUrlTrust } from '../../../src/main/origins';

/** A stand-in for WebContents: real listeners, a recorded window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires an event the way Electron does and says whether the app cancelled it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

const trusted = createUrlTrust('http://localhost:5173');
const log = { warn: vi.fn() };

function guarded(): FakeContents {
  const contents = new FakeContents();
  guardWebContents(contents as unknown as GuardedContents, trusted, log);
  return contents;
}

describe('navigation and window guards', () => {
  it('lets the app move between its own pages and cancels navigation anywhere else', () => {
    const contents = guarded();
    expect(contents.attempt('will-navigate', 'app://balcao/index.html#/orders')).toBe(false);
    expect(contents.attempt('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'http://localhost:5173.evil/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('cancels a redirect that leaves the app', () => {
    const contents = guarded();
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'app://balcao/index.html')).toBe(false);
  });

  it('refuses every new window and webview, without opening anything in the browser', () => {
    const contents = guarded();
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://balcao/index.html' })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('guards every web contents the app creates, not only the main window', () => {
    const app = new EventEmitter();
    guardAllWebContents(app as unknown as WebContentsSource, trusted, log);
    const later = new FakeContents();
    app.emit('web-contents-created', {}, later);
    expect(later.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: never) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: never) => (handlers['device'] = h),
    };
    denyPermissions(session as unknown as PermissionSession);
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      (handlers['request'] as (c: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, callback);
    expect(callback.mock.calls.every(([allowed]) => allowed === false)).toBe(true);
    expect(callback).toHaveBeenCalledTimes(5);
    expect((handlers['check'] as () => boolean)()).toBe(false);
    expect((handlers['device'] as () => boolean)()).toBe(false);
  });
});
