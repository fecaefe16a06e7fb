import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type AppError } from '../../src/main/core/base/app-error';
import { csvAmount, csvDate, exportCsv } from '../../src/main/core/export/csv-export';
import { orderFor } from './fixtures';
import { generatedSource, MemorySource } from './memory-source';

const dir = mkdtempSync(join(tmpdir(), 'balcao-csv-'));

function read(file: string, delimiter: string): string[][] {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

const TRICKY = [
  'Conceição; "Zé" Ltda',
  'Linha 1\nLinha 2, com vírgula',
  '=HYPERLINK("http://evil.example","clique")',
  '+5511999999999',
  '-2+3',
  '@SUM(A1:A2)',
];

describe('CSV export', () => {
  const source = new MemorySource(TRICKY.map((name, i) => orderFor(i + 1, 5001 + i, name)));

  it('writes one row per order for pt-BR Excel: BOM, semicolons, CRLF, decimal comma, dates in the store zone', async () => {
    const file = join(dir, 'orders.csv');
    const result = await exportCsv(
      { selection: { ids: [1, 2, 3, 4, 5, 6] }, shape: 'orders', locale: 'pt-BR', file },
      source,
    );
    expect(result.rows).toBe(6);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('\r\n');
    const rows = read(file, ';');
    expect(rows[0]).toEqual([
      'Pedido',
      'Data',
      'Situação',
      'Cliente',
      'E-mail',
      'Pagamento',
      'Parcelas',
      'Total',
      'Entregue',
      'Rastreio',
      'Revisado',
      'Marcado',
    ]);
    expect(rows).toHaveLength(7);
    expect(rows[1][0]).toBe('5001');
    expect(rows[1][1]).toBe('05/03/2024 14:02');
    expect(rows[1][2]).toBe('Pagamento aprovado');
    expect(rows[1][7]).toBe('955,76');
    expect(rows[1][10]).toBe('Não');
    // Accents, `;`, quotes and line breaks come back as written.
    expect(rows[1][3]).toBe(TRICKY[0]);
    expect(rows[2][3]).toBe(TRICKY[1]);
  });

  it('neutralises formulas: a name that looks like one stays text', async () => {
    const file = join(dir, 'formulas.csv');
    await exportCsv({ selection: { ids: [3, 4, 5, 6] }, shape: 'orders', locale: 'pt-BR', file }, source);
    const names = read(file, ';')
      .slice(1)
      .map((row) => row[3]);
    expect(names).toEqual(TRICKY.slice(2).map((name) => `'${name}`));
    for (const name of names) expect(name).not.toMatch(/^[=+\-@]/);
  });

  it('writes `,` with a decimal point when asked', async () => {
    const file = join(dir, 'comma.csv');
    await exportCsv({ selection: { ids: [1, 2] }, shape: 'orders', separator: ',', locale: 'en', file }, source);
    const rows = read(file, ',');
    expect(rows[0].slice(0, 4)).toEqual(['Order', 'Date', 'Status', 'Customer']);
    expect(rows[1][7]).toBe('955.76');
    expect(rows[1][3]).toBe(TRICKY[0]);
    expect(rows[2][3]).toBe(TRICKY[1]);
  });

  it('writes one row per item whose quantities and line totals add up to the orders', async () => {
    const big = generatedSource(150);
    const file = join(dir, 'items.csv');
    const result = await exportCsv({ selection: { query: {} }, shape: 'items', locale: 'pt-BR', file }, big);
    const rows = read(file, ';');
    expect(rows[0]).toEqual(['Pedido', 'Data', 'SKU', 'Produto', 'Quantidade', 'Preço unitário', 'Total do item']);
    const items = [...big.byId.values()].flatMap((d) => d.order.items);
    expect(result.rows).toBe(items.length);
    expect(rows.length - 1).toBe(items.length);
    const cents = (text: string) => Number(text.replace(',', ''));
    const units = rows.slice(1).reduce((sum, row) => sum + Number(row[4]), 0);
    expect(units).toBe(items.reduce((sum, item) => sum + item.quantity, 0));
    for (const row of rows.slice(1)) expect(cents(row[6])).toBe(cents(row[5]) * Number(row[4]));
  });

  it('an empty selection is EXPORT_EMPTY and a missing order NOT_FOUND, with no file left behind', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const fail = async (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (error: AppError) => error.code,
      );
    expect(
      await fail(
        exportCsv({ selection: { ids: [] }, shape: 'orders', locale: 'pt-BR', file: join(empty, 'a.csv') }, source),
      ),
    ).toBe('EXPORT_EMPTY');
    expect(
      await fail(
        exportCsv({ selection: { ids: [1, 77] }, shape: 'items', locale: 'pt-BR', file: join(empty, 'b.csv') }, source),
      ),
    ).toBe('NOT_FOUND');
    const controller = new AbortController();
    controller.abort();
    expect(
      await fail(
        exportCsv(
          {
            selection: { ids: [1] },
            shape: 'items',
            locale: 'pt-BR',
            file: join(empty, 'c.csv'),
            signal: controller.signal,
          },
          source,
        ),
      ),
    ).toBe('CANCELLED');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('formats amounts without thousands separators and dates as dd/mm/aaaa HH:MM in the given zone', () => {
    expect(csvAmount(123456789, ';')).toBe('1234567,89');
    expect(csvAmount(5, ',')).toBe('0.05');
    expect(csvAmount(-1050, ';')).toBe('-10,50');
    expect(csvAmount(null, ';')).toBe('');
    expect(csvDate({ utc: '2024-01-01T02:30:00.000Z', zone: 'UTC' }, 'America/Sao_Paulo')).toBe('31/12/2023 23:30');
    expect(csvDate({ utc: '2024-07-01T00:00:00.000Z', zone: 'UTC' }, 'America/Manaus')).toBe('30/06/2024 20:00');
  });
});
