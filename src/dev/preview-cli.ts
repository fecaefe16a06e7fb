import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore } from '../main/core/composition';
import { openDemoIfEmpty } from '../main/core/stores/first-run';
import { startBridge } from './bridge-server';
import { defaultDataDir } from '../main/core/cli/data-dir';

/**
 * `npm run preview`: the built renderer in any browser, wired to the real core
 * through the HTTP bridge, for machines where the Electron binary is absent.
 * `--demo` opens the built-in demo store when there is no store yet (`npm start`).
 */
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { productName: string; version: string };
const port = Number(process.env['BALCAO_PREVIEW_PORT'] ?? 0);
const dataDir = defaultDataDir(pkg.productName);

const core = createCore({ appName: pkg.productName, version: pkg.version, dataDir, shell: 'bridge' });
const bridge = await startBridge({
  dispatch: core.dispatch,
  events: core.events,
  staticDir: resolve('out/renderer'),
  port,
});

if (process.argv.includes('--demo')) await openDemoIfEmpty(core);
// Stores keep themselves fresh: a sync now, then on the schedule (Configurações).
core.freshness.start();

console.log(`Balcão preview: open ${bridge.appUrl}`);
console.log(`(data folder: ${dataDir}; stop with Ctrl+C)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void bridge
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  });
}
