import type { Core } from '../composition';

/**
 * `npm start` opens on the built-in demo store: with no store yet, add the demo
 * and start its first sync, so a newcomer sees data flow before typing any
 * credentials. With stores already there, nothing changes.
 */
export async function openDemoIfEmpty(core: Pick<Core, 'stores' | 'sync' | 'log'>): Promise<void> {
  if ((await core.stores.list()).length > 0) return;
  try {
    const demo = await core.stores.addDemo();
    core.sync.start(demo.id, 'auto');
  } catch (error) {
    // The first-run screen still offers the demo and explains any failure (a locked keychain, say).
    core.log.warn('could not open the demo store on start', { error });
  }
}
