import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInFeed, startUpdates, type UpdaterLike } from '../../../src/main/updates';

/** A stand-in for electron-updater's autoUpdater. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checkForUpdates = vi.fn(async () => null);
  quitAndInstall = vi.fn();
}

const log = { info: vi.fn(), warn: vi.fn() };

describe('automatic updates', () => {
  afterEach(() => vi.useRealTimers());

  it('without a feed, never loads the updater nor checks', async () => {
    const load = vi.fn(async () => new FakeUpdater());
    const updates = startUpdates(null, load, log);
    updates.installOnQuit();
    await Promise.resolve();
    expect(load).not.toHaveBeenCalled();
  });

  it('with a feed, checks and downloads quietly, and installs only on quit, never on download', async () => {
    const updater = new FakeUpdater();
    const updates = startUpdates('https://updates.example.com/balcao', async () => updater, log);
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledOnce());
    expect(updater.autoDownload).toBe(true);
    // The shell decides when to install (after the core has closed), not electron-updater's own quit hook.
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updates.installOnQuit();
    expect(updater.quitAndInstall).not.toHaveBeenCalled(); // nothing downloaded yet
    updater.emit('update-downloaded');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    updates.installOnQuit();
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, false);
  });

  it('a failed check is logged, not thrown', async () => {
    const updater = new FakeUpdater();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('offline'));
    startUpdates('https://updates.example.com/balcao', async () => updater, log);
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith('update check failed', expect.anything()));
  });

  it('reads the feed from app-update.yml only in a packaged app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-feed-'));
    try {
      expect(builtInFeed(dir, true)).toBeNull();
      writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://updates.example.com/balcao\n');
      expect(builtInFeed(dir, true)).toBe('https://updates.example.com/balcao');
      expect(builtInFeed(dir, false)).toBeNull();
      writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: http://updates.example.com/\n');
      expect(builtInFeed(dir, true)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
