import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../../src/main/core/ipc/dispatcher';
import { EventEmitter } from 'node:events';
import {
  closeWithin,
  focusWindow,
  MAX_RELOADS,
  onWakeOrOnline,
  syncAllStores,
  quitAfterCoreCloses,
  reloadOnCrash,
  type QuittingApp,
} from '../../../src/main/lifecycle';

/** A wait the test ends by hand, so "the bound ran out" is an event, not a clock. */
function manualWait() {
  let release: () => void = () => {};
  const asked: number[] = [];
  const wait = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { wait, asked, expire: () => release() };
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('quitting', () => {
  it('waits for the core to close', async () => {
    const { wait } = manualWait();
    expect(await closeWithin(async () => {}, 10_000, wait)).toBe('closed');
  });

  it('gives up when closing outlasts the bound', async () => {
    const { wait, asked, expire } = manualWait();
    const outcome = closeWithin(() => new Promise<void>(() => {}), 7_000, wait);
    expect(asked).toEqual([7_000]);
    expire();
    expect(await outcome).toBe('timed-out');
  });

  it('holds the quit until the core has closed, installs an update after that, then quits once', async () => {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    const closing = deferred();
    const order: string[] = [];
    const closeCore = vi.fn(() => closing.promise.then(() => void order.push('core closed')));
    quitAfterCoreCloses(app as unknown as QuittingApp, {
      closeCore,
      afterClose: () => order.push('update installed'),
      wait: manualWait().wait,
    });
    const quit = () => {
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(quit()).toBe(true);
    expect(quit()).toBe(true); // a second Quit while closing waits for the same close
    expect(closeCore).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    closing.resolve();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(order).toEqual(['core closed', 'update installed']);
    expect(quit()).toBe(false); // the real quit goes through
  });

  it('quits even when the core never finishes closing', async () => {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    const { wait, expire } = manualWait();
    quitAfterCoreCloses(app as unknown as QuittingApp, { closeCore: () => new Promise(() => {}), wait });
    app.emit('will-quit', { preventDefault: () => {} });
    expect(app.quit).not.toHaveBeenCalled();
    expire();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
  });
});

describe('telling the sync scheduler about sleep and a lost network', () => {
  afterEach(() => vi.useRealTimers());

  it('asks the dispatcher to sync every store', async () => {
    const calls: [string, unknown][] = [];
    const dispatch: Dispatch = async (channel, input) => {
      calls.push([channel, input]);
      return channel === 'stores.list' ? { ok: true, value: [{ id: 'a' }, { id: 'b' }] } : { ok: true, value: null };
    };
    await syncAllStores(dispatch);
    expect(calls).toEqual([
      ['stores.list', undefined],
      ['sync.start', { storeId: 'a' }],
      ['sync.start', { storeId: 'b' }],
    ]);
  });

  it('wakes on resume and when the network comes back, not while it stays up or down', () => {
    vi.useFakeTimers();
    const powerMonitor = new EventEmitter();
    let online = false;
    const scheduler = { onWake: vi.fn(), onOnline: vi.fn() };
    const stop = onWakeOrOnline({ powerMonitor, isOnline: () => online, intervalMs: 1_000 }, scheduler);
    vi.advanceTimersByTime(3_000);
    expect(scheduler.onOnline).not.toHaveBeenCalled();
    online = true;
    vi.advanceTimersByTime(1_000);
    expect(scheduler.onOnline).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(scheduler.onOnline).toHaveBeenCalledTimes(1);
    expect(scheduler.onWake).not.toHaveBeenCalled();
    powerMonitor.emit('resume');
    expect(scheduler.onWake).toHaveBeenCalledTimes(1);
    stop();
    online = false;
    vi.advanceTimersByTime(1_000);
    online = true;
    vi.advanceTimersByTime(1_000);
    expect(scheduler.onOnline).toHaveBeenCalledTimes(1);
  });
});

describe('second launch and renderer crashes', () => {
  it('a second launch restores and focuses the open window', () => {
    const window = { isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    focusWindow(window);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
    expect(() => focusWindow(undefined)).not.toThrow();
  });

  it('reloads a crashed renderer and says so, gives up after a few, and ignores a clean exit', () => {
    const contents = Object.assign(new EventEmitter(), { reload: vi.fn() });
    const told: string[] = [];
    reloadOnCrash(contents, (outcome, reason) => told.push(`${outcome}:${reason}`));
    contents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(contents.reload).not.toHaveBeenCalled();
    for (let i = 0; i <= MAX_RELOADS; i++) contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(contents.reload).toHaveBeenCalledTimes(MAX_RELOADS);
    expect(told).toEqual([...Array(MAX_RELOADS).fill('reloaded:crashed'), 'gave-up:crashed']);
  });
});
