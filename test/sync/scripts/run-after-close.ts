// A sync asked for after the sync manager closed (a `sync.start` arriving while the app quits), then the
// database closed: the process must be left with nothing running, so it exits by itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleCore } from '../../../src/main/core/composition';
import { createMemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store';

const core = assembleCore({
  appName: 'Balcão',
  version: 'test',
  dataDir: mkdtempSync(join(tmpdir(), 'balcao-late-')),
  shell: 'cli',
  secrets: createMemorySecretStore(),
});
const store = core.stores.ensureScriptStore('loja', 'http://127.0.0.1:9/v2');
await core.sync.close();
const outcome = await core.sync.run(store.id, 'full', {
  credentials: { token: 'tok-late-123456', secret: 'sec-late-123456' },
});
core.db.close();
process.stdout.write(`${JSON.stringify({ ok: outcome.ok, cancelled: outcome.cancelled })}\n`);
