import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { BridgeDownloads } from '../../src/dev/bridge-downloads';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { EventBus } from '../../src/main/core/events/event-bus';
import { createDispatcher } from '../../src/main/core/ipc/dispatcher';
import { handlersWith } from '../helpers/handlers';

// The preview answers "where to save?" with a temporary file of its own, served once as a download.
describe('the bridge serves a finished export once, to the token holder', () => {
  let downloads: BridgeDownloads;
  let bridge: Bridge;

  beforeAll(async () => {
    downloads = new BridgeDownloads();
    bridge = await startBridge({ dispatch: createDispatcher(handlersWith({})), events: new EventBus(), downloads });
  });

  afterAll(async () => {
    await bridge.close();
    await downloads.shell.close();
  });

  async function finished(name: string, body: string): Promise<{ path: string; url: string }> {
    const request = { folder: false, suggestedName: name, extension: 'csv', locale: 'pt-BR' } as const;
    const path = (await downloads.shell.chooseTarget(request))!;
    await writeFile(path, body);
    const { download, canOpen } = downloads.shell.delivered([path]);
    expect(canOpen).toBe(false);
    return { path, url: `${bridge.url}/__bridge/${download}` };
  }

  it('needs the token, sends the file as an attachment with its name, then forgets it and removes it', async () => {
    const { path, url } = await finished('pedidos ç.csv', 'Pedido;Total\r\n1;2,00\r\n');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}?token=wrong`)).status).toBe(401);
    const response = await fetch(`${url}?token=${bridge.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''pedidos%20%C3%A7.csv");
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toBe('Pedido;Total\r\n1;2,00\r\n');
    await expect.poll(() => existsSync(path)).toBe(false);
    expect((await fetch(`${url}?token=${bridge.token}`)).status).toBe(404);
  });

  it('refuses one file per order, which would be many downloads', async () => {
    await expect(
      downloads.shell.chooseTarget({ folder: true, suggestedName: 'romaneios', extension: 'pdf', locale: 'pt-BR' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', params: { field: 'perOrderFiles' } });
  });
});
