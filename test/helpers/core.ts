import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/composition';

export interface TestCore extends Core {
  dataDir: string;
  dispose(): void;
}

/** A real core over a fresh data folder that is removed afterwards. */
export function createTestCore(): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'balcao-test-'));
  const core = createCore({ appName: 'Balcão', version: '9.8.7-test', dataDir, shell: 'bridge' });
  return {
    ...core,
    dataDir,
    dispose() {
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
