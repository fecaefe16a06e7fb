import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLocale } from '../../src/main/core/cli/export-command';
import { runCli, startFakeStoreProcess, type FakeStoreProcess } from './processes';
import { chromiumAvailable } from '../helpers/chromium';
import { pdfPageCount, pdfText } from '../export/pdf-tools';

const CREDENTIALS = { token: 'tok-EXPORT-0a1b2c3d4e', secret: 'sec-EXPORT-9f8e7d6c5b' };
const ENV = { BALCAO_USER_TOKEN: CREDENTIALS.token, BALCAO_USER_SECRET_KEY: CREDENTIALS.secret };

let dataDir: string;
let out: string;
// The language comes from the environment when --locale is not given: runs start from a neutral one.
const NEUTRAL_LANGUAGE = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };
const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli([...args, '--data-dir', dataDir], { ...NEUTRAL_LANGUAGE, ...env });

describe('export --locale', () => {
  it('is --locale when given, else English only when the environment’s language is, LC_ALL first', () => {
    expect(exportLocale('en', { LANG: 'pt_BR.UTF-8' })).toBe('en');
    expect(exportLocale('pt-BR', { LANG: 'en_US.UTF-8' })).toBe('pt-BR');
    expect(exportLocale(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(exportLocale(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'pt_BR.UTF-8' })).toBe('pt-BR');
    expect(exportLocale(undefined, { LANG: 'pt_BR.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(exportLocale(undefined, { LANG: 'C.UTF-8' })).toBe('pt-BR');
    expect(exportLocale(undefined, {})).toBe('pt-BR');
    expect(() => exportLocale('fr', {})).toThrow('--locale must be one of pt-BR, en');
  });
});

describe.skipIf(!chromiumAvailable)('export pdf / export csv (CLI, the store API stopped)', () => {
  let orders: { id: number; number: number; status: { alias: string } }[];

  beforeAll(async () => {
    const fake: FakeStoreProcess = await startFakeStoreProcess(
      ['--orders', '60', '--customers', '20', '--seed', '5', '--end-at', 'now', '--time-scale', '60'],
      CREDENTIALS,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'balcao-cli-export-'));
    out = mkdtempSync(join(tmpdir(), 'balcao-cli-export-out-'));
    try {
      const sync = await cli(['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo'], ENV);
      expect(sync.code, sync.stderr).toBe(0);
    } finally {
      await fake.stop();
    }
    orders = (JSON.parse((await cli(['orders', '--json', '--limit', '60'])).stdout) as { rows: typeof orders }).rows;
  }, 120_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('prints picked orders into one PDF with a page per order', async () => {
    const file = join(out, 'pedidos.pdf');
    const picked = orders.slice(0, 3);
    const run = await cli([
      'export',
      'pdf',
      '--kind',
      'order',
      ...picked.flatMap((o) => ['--order', String(o.id)]),
      '--out',
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`exported 3 orders, 3 pages to ${file}\n`);
    expect(pdfPageCount(file)).toBe(3);
    const text = pdfText(file);
    for (const o of picked) expect(text).toContain(`Pedido nº ${o.number}`);
  });

  it('writes one packing slip per order into a folder given as --out', async () => {
    const dir = mkdtempSync(join(out, 'slips-'));
    const picked = orders.slice(0, 2);
    const run = await cli([
      'export',
      'pdf',
      '--kind',
      'packing-slip',
      '--order',
      picked.map((o) => o.id).join(','),
      '--out',
      dir,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(picked.map((o) => `romaneio-${o.number}.pdf`).sort());
  });

  it('prints the report of a status filter, and its CSV of items reads back', async () => {
    const status = orders[0].status.alias;
    const matching = orders.filter((o) => o.status.alias === status);
    const report = join(out, 'report.pdf');
    const run = await cli(['export', 'pdf', '--kind', 'report', '--status', status, '--out', report, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', orders: matching.length, out: report });
    const text = pdfText(report);
    for (const o of matching) expect(text).toContain(String(o.number));

    const csvFile = join(out, 'orders.csv');
    const csv = await cli(['export', 'csv', '--status', status, '--separator', ',', '--out', csvFile]);
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parse(readFileSync(csvFile), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r['Pedido'])).sort()).toEqual(matching.map((o) => o.number).sort());
    expect(rows[0]['Total']).toMatch(/^-?\d+\.\d\d$/);
  });

  it('prints in English with --locale en, and takes English from LANG when no --locale is given', async () => {
    const file = join(out, 'order-en.pdf');
    const picked = orders[0];
    const run = await cli([
      'export',
      'pdf',
      '--kind',
      'order',
      '--order',
      String(picked.id),
      '--locale',
      'en',
      '--out',
      file,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const text = pdfText(file);
    expect(text).toContain(`Order no. ${picked.number}`);
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toContain('Pedido nº');

    const csvFile = join(out, 'orders-en.csv');
    const csv = await cli(['export', 'csv', '--order', String(picked.id), '--out', csvFile], { LANG: 'en_US.UTF-8' });
    expect(csv.code, csv.stderr).toBe(0);
    const [header] = parse(readFileSync(csvFile), { bom: true, delimiter: ';' }) as string[][];
    expect(header[0]).toBe('Order');

    const wrong = await cli(['export', 'csv', '--locale', 'fr', '--out', join(out, 'fr.csv')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--locale must be one of pt-BR, en');
  });

  it('exits with the documented codes and leaves no file behind', async () => {
    const missing = join(out, 'missing.pdf');
    const notCached = await cli(['export', 'pdf', '--kind', 'order', '--order', '987654321', '--out', missing]);
    expect(notCached.code).toBe(5);
    expect(notCached.stderr).toBe("balcao: NOT_FOUND: Order 987654321 is not in this store's cache.\n");

    const empty = await cli(['export', 'csv', '--q', 'zzzz-nothing', '--out', join(out, 'empty.csv')]);
    expect(empty.code).toBe(6);
    expect(empty.stderr).toMatch(/^balcao: EXPORT_EMPTY: /);

    const unwritable = await cli(['export', 'csv', '--out', join(out, 'no-such-dir', 'x.csv')]);
    expect(unwritable.code).toBe(7);
    expect(unwritable.stderr).toMatch(/^balcao: PATH_UNWRITABLE: /);

    const noChromium = await cli(['export', 'pdf', '--kind', 'picking', '--out', join(out, 'picking.pdf')], {
      BALCAO_CHROMIUM: '/nonexistent/chromium',
    });
    expect(noChromium.code).toBe(8);
    expect(noChromium.stderr).toMatch(/^balcao: CHROMIUM_MISSING: /);

    expect((await cli(['export', 'pdf', '--kind', 'nope', '--out', missing])).code).toBe(2);
    expect((await cli(['export', 'pdf', '--kind', 'order'])).code).toBe(2);
    for (const name of ['missing.pdf', 'empty.csv', 'picking.pdf']) expect(existsSync(join(out, name))).toBe(false);
    expect(readdirSync(out).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
