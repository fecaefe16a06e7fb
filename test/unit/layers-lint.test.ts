import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// Lints source text as if it stood at a given path, with the project's own
// config: proves the layer rule catches what it must and lets the rest through.
const eslint = new ESLint();

async function layerMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'balcao/layers').map((message) => message.message);
}

describe('layer lint rule', () => {
  it('fails an electron import in src/main/core', async () => {
    const messages = await layerMessages(
      'src/main/core/sneaky.ts',
      "import { app } from 'electron';\nexport const name = app.getName();\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/src\/main\/core may not import 'electron'/);
  });

  it('fails a node:fs import in src/renderer, in TypeScript and in a Svelte component', async () => {
    const ts = await layerMessages(
      'src/renderer/src/lib/sneaky.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(ts[0]).toMatch(/may not import the Node built-in 'node:fs'/);
    const svelte = await layerMessages(
      'src/renderer/src/views/Sneaky.svelte',
      '<script lang="ts">\n  import { readFileSync } from \'fs\';\n  const x = readFileSync;\n</script>\n<p>{String(x)}</p>\n',
    );
    expect(svelte[0]).toMatch(/may not import the Node built-in 'fs'/);
  });

  it('fails the renderer reaching into main code by a relative path, and better-sqlite3', async () => {
    const messages = await layerMessages(
      'src/renderer/src/lib/sneaky.ts',
      "import { createCore } from '../../../main/core/composition';\nimport Database from 'better-sqlite3';\nexport { createCore, Database };\n",
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/src\/renderer may not import src\/main\/core/);
  });

  it('fails src/shared importing anything of ours outside shared, or Node', async () => {
    const messages = await layerMessages(
      'src/shared/sneaky.ts',
      "import { AppError } from '../main/core/base/app-error';\nimport { join } from 'node:path';\nexport { AppError, join };\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('fails core importing the Electron shell', async () => {
    const messages = await layerMessages(
      'src/main/core/sneaky.ts',
      "import { bindContractToIpc } from '../ipc-binding';\nexport { bindContractToIpc };\n",
    );
    expect(messages[0]).toMatch(/src\/main\/core may not import src\/main/);
  });

  it('fails the cache importing sync, the API client importing the cache, and the fake store importing stores', async () => {
    const dbIntoSync = await layerMessages(
      'src/main/core/db/sneaky.ts',
      "import { SyncManager } from '../sync/sync-manager';\nexport { SyncManager };\n",
    );
    expect(dbIntoSync).toHaveLength(1);
    expect(dbIntoSync[0]).toMatch(
      /src\/main\/core\/db may not import src\/main\/core\/sync \(\.\.\/sync\/sync-manager\)/,
    );
    const apiIntoDb = await layerMessages(
      'src/main/core/api/sneaky.ts',
      "import { openDatabase } from '../db/open';\nexport { openDatabase };\n",
    );
    expect(apiIntoDb).toHaveLength(1);
    expect(apiIntoDb[0]).toMatch(/src\/main\/core\/api may not import src\/main\/core\/db/);
    // Spelled the long way round, through the layer above: still the core's stores module.
    const fakeIntoStores = await layerMessages(
      'src/main/core/fake-store/sneaky.ts',
      "import { StoresService } from '../../core/stores/stores-service';\nexport { StoresService };\n",
    );
    expect(fakeIntoStores).toHaveLength(1);
    expect(fakeIntoStores[0]).toMatch(/src\/main\/core\/fake-store may not import src\/main\/core\/stores/);
  });

  it('keeps the leaf modules of the core on base alone, and the fake store off the core entirely', async () => {
    for (const [from, specifier] of [
      ['normalize', '../events/event-bus'],
      ['log', '../composition'],
      ['secrets', '../stores/stores-service'],
      ['base', '../log/logger'],
      ['fake-store', '../base/app-error'],
      ['db', '../ipc/dispatcher'],
      ['db', '../orders/orders-service'],
    ]) {
      const messages = await layerMessages(
        `src/main/core/${from}/sneaky.ts`,
        `import * as x from '${specifier}';\nexport { x };\n`,
      );
      expect(messages, `${from} → ${specifier}`).toHaveLength(1);
    }
  });

  it('lets the core modules import what they may', async () => {
    for (const [from, specifier] of [
      ['api', '../base/app-error'],
      ['api', '../../../shared/errors'],
      ['api', './retry'],
      ['secrets', '../base/app-error'],
      ['log', './redactor'],
      ['db', '../normalize/order'],
      ['db', '../base/app-error'],
      ['fake-store', '../../../shared/domain/order'],
      ['fake-store', './prng'],
      ['sync', '../db/open'],
      ['stores', '../sync/sync-manager'],
    ]) {
      expect(
        await layerMessages(`src/main/core/${from}/fine.ts`, `import * as x from '${specifier}';\nexport { x };\n`),
        `${from} → ${specifier}`,
      ).toEqual([]);
    }
  });

  it('lets each layer import what it may', async () => {
    expect(
      await layerMessages(
        'src/main/core/fine.ts',
        // The composition root, at the core's top, wires every module together.
        "import { readFileSync } from 'node:fs';\nimport { calls } from '../../shared/ipc/contract';\nimport * as db from './db/open';\nimport * as sync from './sync/sync-manager';\nexport { readFileSync, calls, db, sync };\n",
      ),
    ).toEqual([]);
    expect(
      await layerMessages(
        'src/main/fine.ts',
        "import { app } from 'electron';\nimport { createCore } from './core/composition';\nexport { app, createCore };\n",
      ),
    ).toEqual([]);
    expect(
      await layerMessages(
        'src/preload/fine.ts',
        "import { contextBridge } from 'electron';\nimport { calls } from '../shared/ipc/contract';\nexport { contextBridge, calls };\n",
      ),
    ).toEqual([]);
    expect(
      await layerMessages(
        'src/renderer/src/fine.ts',
        "import { mount } from 'svelte';\nimport { calls } from '../../shared/ipc/contract';\nexport { mount, calls };\n",
      ),
    ).toEqual([]);
  });
});
