import type { Core } from '../composition';
import { inProcessClient } from '../ipc/in-process-client';

/**
 * `npm start` opens on the built-in demo store: with no store yet, add the demo
 * and start its first sync, so a newcomer sees data flow before typing any
 * credentials. With stores already there, nothing changes.
 */
export async function openDemoIfEmpty(core: Pick<Core, 'dispatch' | 'events' | 'log'>): Promise<void> {
  const api = inProcessClient(core);
  try {
    if ((await api.call('stores.list')).length > 0) return;
    const demo = await api.call('stores.addDemo');
    await api.call('sync.start', { storeId: demo.id, mode: 'auto' });
  } catch (error) {
    // The first-run screen still offers the demo and explains any failure (a locked keychain, say).
    core.log.warn('could not open the demo store on start', { error });
  }
}
