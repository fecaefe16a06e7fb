import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { openApp, type AppSession } from '../helpers/app-session';
import { axeViolations } from '../helpers/axe';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';
import { createTestCore, type TestCore } from '../helpers/core';

const dataDir = mkdtempSync(join(tmpdir(), 'balcao-trust-e2e-'));
let core: TestCore;
let app: AppSession;
let storeId: string;

describe.skipIf(!chromiumAvailable)('a damaged cache and a removal, as the window says them (Chromium)', () => {
  beforeAll(async () => {
    // A synced demo store, then its cache file overwritten: the next open keeps it aside and starts afresh.
    const before = createTestCore({ dataDir, secrets: createMemorySecretStore(), checkIntegrity: false });
    const demo = await dispatchTyped(before.dispatch, 'stores.addDemo');
    if (!demo.ok) throw new Error('the demo store was not added');
    storeId = demo.value.id;
    expect((await before.sync.run(storeId, 'auto')).ok).toBe(true);
    await before.close();
    writeFileSync(join(dataDir, 'balcao.db'), 'not a database any more\n'.repeat(200));

    core = createTestCore({ dataDir, secrets: createMemorySecretStore(), checkIntegrity: false });
    expect(core.recovered).toMatchObject({ code: 'DATABASE_DAMAGED' });
    app = await openApp(core);
  });

  afterAll(async () => {
    await app?.close();
    await core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the file was damaged, where it was kept, that the marks are safe, and the rebuild until it is done', async () => {
    const kept = readdirSync(dataDir).find((name) => /^balcao\.damaged-.*\.db$/.test(name));
    // Kept as it was, not emptied: the damaged bytes are still there for whoever wants to look.
    expect(statSync(join(dataDir, kept ?? 'none')).size).toBeGreaterThan(0);
    const banner = app.page.getByTestId('cache-health');
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('O arquivo de dados estava danificado');
    expect(text).toContain(`guardado, sem mudanças, como ${kept}`);
    expect(text).toContain('marcações, anotações e o remetente estão a salvo');
    await app.page.screenshot({ path: screenshotPath('cache-rebuilt-banner') });
    expect(await axeViolations(app.page)).toEqual([]);

    expect((await dispatchTyped(core.dispatch, 'sync.start', { storeId })).ok).toBe(true);
    await expect
      .poll(() => app.page.getByTestId('cache-rebuild').textContent(), { timeout: 60_000 })
      .toContain('Pronto: os dados foram refeitos');
    await app.page.screenshot({ path: screenshotPath('cache-rebuilt-done') });
    await app.page.getByTestId('cache-health-dismiss').click();
    await expect.poll(() => app.page.getByTestId('cache-health').count()).toBe(0);
  });

  it('shows the removal’s progress in its dialog while the store is erased', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Configurações' }).click();
    await page.getByTestId('store-row').getByRole('button', { name: 'Remover' }).click();
    await page.getByTestId('confirm-remove').waitFor();
    // Every wording the progress took, however briefly it showed.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenRemoval: string[] }).seenRemoval = seen;
      const target = document.querySelector('[data-testid=removal-progress]')!;
      new MutationObserver(() => seen.push(target.textContent ?? '')).observe(target, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByTestId('confirm-remove-button').click();
    await page.screenshot({ path: screenshotPath('store-removal-progress') });
    await expect.poll(() => page.getByTestId('store-row').count(), { timeout: 60_000 }).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { seenRemoval: string[] }).seenRemoval.join('\n'));
    expect(seen).toMatch(/Apagando pedidos e clientes: \d+ de \d+/);
    expect(seen).toContain('Reescrevendo o índice de busca');
    expect(seen).toContain('Compactando o arquivo');
  });
});
