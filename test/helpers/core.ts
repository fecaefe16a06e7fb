import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleCore, type CoreParts, type CoreOptions } from '../../src/main/core/composition';
import { createKeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import { dispatchTyped, type Dispatch } from '../../src/main/core/ipc/dispatcher';
import type { CallInput, CallName, CallResult } from '../../src/shared/ipc/contract';

export interface TestCore extends CoreParts {
  dataDir: string;
  secrets: SecretStore;
  keychainService: string;
  dispose(): Promise<void>;
}

/**
 * A real core over a fresh data folder and a keychain service of its own in the
 * real (test) keyring; both are removed afterwards.
 */
export function createTestCore(options: Partial<CoreOptions> = {}): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'balcao-test-'));
  const keychainService = `br.com.balcao.test-${randomUUID()}`;
  const secrets = options.secrets ?? createKeytarSecretStore({ service: keychainService, timeoutMs: 10_000 });
  const core = assembleCore({
    appName: 'Balcão',
    version: '9.8.7-test',
    dataDir,
    shell: 'bridge',
    secrets,
    demo: { orders: 300, customers: 120, timeScale: 60 },
    rateLimit: { timeScale: 60 },
    ...options,
  });
  return {
    ...core,
    dataDir,
    secrets,
    keychainService,
    async dispose() {
      await core.close();
      for (const id of await secrets.list().catch(() => [])) await secrets.delete(id).catch(() => false);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A contract call through the core's door that must succeed: its value, or an error naming the call and code. */
export async function callOk<N extends CallName>(
  dispatch: Dispatch,
  name: N,
  input: CallInput<N>,
): Promise<CallResult<N>> {
  const result = await dispatchTyped(dispatch, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value;
}
