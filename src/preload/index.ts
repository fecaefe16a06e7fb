import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_PREFIX, isCallName, isEventName } from '../shared/ipc/contract';
import type { Transport } from '../shared/ipc/transport';

// Exposes the contract and nothing else: no ipcRenderer, no arbitrary channel.
const api: Transport = {
  invoke(channel, input) {
    if (!isCallName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    return ipcRenderer.invoke(IPC_CALL_PREFIX + channel, input);
  },
  subscribe(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event).slice(0, 80)}`);
    const channel = IPC_EVENT_PREFIX + event;
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
