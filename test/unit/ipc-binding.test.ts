import { describe, expect, it } from 'vitest';
import { bindContractToIpc, forwardEvents, type IpcMainLike, type SenderEvent } from '../../src/main/ipc-binding';
import { createDispatcher } from '../../src/main/core/ipc/dispatcher';
import { EventBus } from '../../src/main/core/events/event-bus';
import { CALL_NAMES, IPC_CALL_PREFIX, IPC_EVENT_PREFIX } from '../../src/shared/ipc/contract';
import { handlersWith } from '../helpers/handlers';

/** Behaves as Electron's ipcMain does: one handler a channel, invoke of an unknown channel rejects. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: SenderEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: SenderEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

const trustedEvent: SenderEvent = { sender: { id: 1 }, senderFrame: { url: 'app://balcao/index.html' } };
const strangerEvent: SenderEvent = { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/' } };
const isTrusted = (event: SenderEvent): boolean =>
  event.sender.id === 1 && event.senderFrame?.url.startsWith('app://balcao/') === true;

function setup() {
  const ipc = new FakeIpcMain();
  const dispatch = createDispatcher(
    handlersWith({
      'app.info': () => ({ name: 'Balcão', version: '1.0.0', platform: 'linux-x64', dataDir: '/d', shell: 'electron' }),
      'stores.list': () => [],
    }),
  );
  const unbind = bindContractToIpc(ipc, dispatch, isTrusted);
  return { ipc, unbind };
}

describe('ipcMain binding', () => {
  it('registers exactly the contract calls, under the prefix', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(CALL_NAMES.map((name) => IPC_CALL_PREFIX + name).sort());
  });

  it('answers a trusted valid call with an ok envelope', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(`${IPC_CALL_PREFIX}app.info`, trustedEvent, undefined)).toMatchObject({
      ok: true,
      value: { version: '1.0.0' },
    });
  });

  it('rejects invalid input with INVALID_INPUT', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(`${IPC_CALL_PREFIX}stores.list`, trustedEvent, { alias: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('refuses a sender that is not one of our windows', async () => {
    const { ipc } = setup();
    expect(await ipc.invoke(`${IPC_CALL_PREFIX}app.info`, strangerEvent, undefined)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it('leaves channels outside the contract unhandled, so Electron refuses them', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(`${IPC_CALL_PREFIX}shell.exec`, trustedEvent, 'rm -rf /')).rejects.toThrow(
      /No handler registered/,
    );
  });

  it('unbinds every handler', () => {
    const { ipc, unbind } = setup();
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('forwards core events to a window until it is destroyed', () => {
    const bus = new EventBus();
    const sent: [string, unknown][] = [];
    let destroyed = false;
    forwardEvents(bus, { isDestroyed: () => destroyed, send: (channel, payload) => sent.push([channel, payload]) });
    bus.emit('connectivity.changed', { state: 'offline', since: '2026-01-01T00:00:00.000Z' });
    destroyed = true;
    bus.emit('connectivity.changed', { state: 'online', since: '2026-01-01T00:01:00.000Z' });
    expect(sent).toEqual([
      [`${IPC_EVENT_PREFIX}connectivity.changed`, { state: 'offline', since: '2026-01-01T00:00:00.000Z' }],
    ]);
  });
});
