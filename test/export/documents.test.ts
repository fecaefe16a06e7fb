import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/shared/format';
import { ChromiumPrinter } from '../../src/main/core/export/chromium-printer';
import { exportPdf, type PdfRequest } from '../../src/main/core/export/pdf-export';
import { chromiumAvailable } from '../helpers/chromium';
import { HOSTILE_NAME, manyItems, orderFor, referenceOrder, SENDER } from './fixtures';
import { generatedSource, MemorySource, STORE } from './memory-source';
import { PNG_DIR, pageNumberLines, pdfPageCount, pdfPages, pdfText, renderPngs } from './pdf-tools';
import { TEXT_CAP } from '../../src/main/core/normalize/read';

const NOW = () => new Date('2025-11-28T15:30:00Z');
mkdirSync(PNG_DIR, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'balcao-export-'));
let printer: ChromiumPrinter;

type Request = PdfRequest extends infer R ? (R extends unknown ? Omit<R, 'target'> : never) : never;

async function print(source: MemorySource, request: Request, name: string) {
  const file = join(dir, `${name}.pdf`);
  const result = await exportPdf({ target: { file }, ...request } as PdfRequest, { source, printer, now: NOW });
  // `flat`: the text in reading order with runs of whitespace as one space; `text`/`pages`: laid out, a table row per line.
  const flat = squash(pdfText(file, false));
  writeFileSync(join(PNG_DIR, `${name}.txt`), flat);
  return { file, result, flat, text: pdfText(file), pages: pdfPages(file) };
}

/** Whitespace-insensitive: pdftotext -layout spaces columns out, and Intl puts a no-break space after R$. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}

const brl = (cents: number) => squash(formatMoney(cents, 'pt-BR'));

describe.skipIf(!chromiumAvailable)('PDF documents through Chromium', () => {
  beforeAll(() => {
    printer = new ChromiumPrinter();
  });
  afterAll(async () => {
    await printer.dispose();
  });

  it('prints the order with customer, address, items, totals, payment, shipping and history; values escaped', async () => {
    const detail = referenceOrder(
      {
        customer: {
          data: { ...(referenceOrder().raw as { customer: { data: object } }).customer.data, name: HOSTILE_NAME },
        },
      },
      {
        reviewed: true,
        flagged: true,
        note: 'Embrulhar para presente — cliente pediu cartão.',
      },
    );
    const { file, flat, text, pages, result } = await print(
      new MemorySource([detail]),
      { kind: 'order', locale: 'pt-BR', selection: { ids: [98765] } },
      'order',
    );
    expect(result.pages).toBe(pages.length);
    expect(flat).toContain('Pedido nº 1043');
    expect(flat).toContain(HOSTILE_NAME);
    expect(flat).toContain('123.456.789-09');
    expect(flat).toContain('(16) 98187-5668');
    expect(flat).toContain('Rua Açaí, 1.043');
    expect(flat).toContain('São Paulo/SP — CEP 01310-930');
    expect(flat).toMatch(/CAM-001 Camiseta Básica Algodão Orgânico 2 R\$ 450,00 R\$ 900,00/);
    expect(flat).toContain('Presente');
    expect(flat).toMatch(/Produtos R\$ 900,00/);
    expect(flat).toMatch(/Desconto − R\$ 10,00/);
    expect(flat).toMatch(/Frete R\$ 65,76/);
    expect(text).toMatch(/Total do pedido\s+R\$\s955,76/);
    expect(flat).toContain('BR123456789BR');
    expect(flat).toContain('SEDEX');
    expect(flat).toContain('Pagamento aprovado');
    expect(flat).toContain('05/03/2024, 14:02');
    expect(flat).toContain('Embrulhar para presente — cliente pediu cartão.');
    expect(flat).toContain('Marcado para atenção');
    expect(flat).toContain(STORE.name);
    expect(flat).toContain('Gerado em 28/11/2025, 12:30');
    expect(flat).toContain(`Página 1 de ${pages.length}`);
    renderPngs(file, 'order');
  });

  it('prints the packing slip without a single price, with a check box per item and the note', async () => {
    const detail = referenceOrder({}, { note: 'Frágil: caneca embrulhada à parte' });
    const { file, flat } = await print(
      new MemorySource([detail]),
      { kind: 'packing-slip', locale: 'pt-BR', selection: { ids: [98765] } },
      'packing-slip',
    );
    expect(flat).toContain('1043');
    expect(flat).toContain('Romaneio');
    expect(flat).toMatch(/2 CAM-001 Camiseta Básica Algodão Orgânico/);
    expect(flat).toContain('Rua Açaí, 1.043');
    expect(flat).toContain('Frágil: caneca embrulhada à parte');
    expect(flat).not.toContain('R$');
    renderPngs(file, 'packing-slip');
  });

  it('prints content declarations two to a page, with sender, recipient, goods, totals and the legal text', async () => {
    const source = new MemorySource([1, 2, 3].map((k) => orderFor(k, 2000 + k, `Cliente ${k} Conceição`)));
    const { file, flat, pages } = await print(
      source,
      { kind: 'declaration', locale: 'pt-BR', selection: { ids: [1, 2, 3] }, sender: SENDER },
      'declaration',
    );
    expect(pages).toHaveLength(2);
    expect(pages[0].match(/DECLARAÇÃO DE CONTEÚDO/g)).toHaveLength(2);
    expect(flat).toContain('Aurora Ateliê Ltda');
    expect(flat).toContain('12.345.678/0001-95');
    expect(flat).toContain('13560-000');
    expect(flat).toContain('Pedido nº 2002');
    expect(flat).toContain('123.456.789-09');
    expect(flat).toMatch(/Totais 3 R\$ 900,00/);
    expect(flat).toContain('Peso total (kg)');
    expect(flat).toContain('Lei Complementar nº 87/1996');
    expect(flat).toContain('Lei Postal nº 6.538/78');
    expect(flat).toContain('Lei 8.137/90');
    expect(flat).toContain('São Carlos, 28/11/2025');
    expect(flat).toContain('Assinatura do Declarante/Remetente');
    renderPngs(file, 'declaration');
  });

  it('sums every SKU of the picking list to the items of the selected orders', async () => {
    const source = generatedSource(40);
    const ids = [...source.byId.keys()];
    const { file, text } = await print(source, { kind: 'picking', locale: 'pt-BR', selection: { ids } }, 'picking');
    const expected = new Map<string, number>();
    let units = 0;
    for (const { order } of source.byId.values())
      for (const item of order.items) {
        expected.set(item.sku ?? '', (expected.get(item.sku ?? '') ?? 0) + item.quantity);
        units += item.quantity;
      }
    const printed = new Map<string, number>();
    for (const line of text.split('\n')) {
      const m = /^\s*(SKU-\d+-\d+)\s+.+?\s(\d+)\s+(\d+)\s*$/.exec(line);
      if (m) printed.set(m[1], Number(m[2]));
    }
    expect(printed).toEqual(expected);
    expect(squash(text)).toContain(`Pedidos: ${ids.length} · SKUs: ${expected.size} · Unidades: ${units}`);
    const skus = [...printed.keys()];
    expect(skus).toEqual([...skus].sort((a, b) => a.localeCompare(b, 'pt-BR', { numeric: true })));
    renderPngs(file, 'picking');
  });

  it('prints the orders report with the filter in words, one row per order, totals by status and payment', async () => {
    const source = generatedSource(120);
    const { file, flat, text, pages } = await print(
      source,
      {
        kind: 'report',
        locale: 'pt-BR',
        selection: { query: { paymentMethods: ['pix'], sort: { key: 'date', direction: 'desc' } } },
      },
      'report',
    );
    const rows = source.matching({ paymentMethods: ['pix'] });
    const sum = rows.reduce((s, r) => s + (r.totalCents ?? 0), 0);
    const money = brl(sum);
    expect(flat).toContain('Filtro: pagamento: PIX; ordenados por data (decrescente)');
    for (const row of rows) expect(flat).toContain(` ${row.number} `);
    expect(flat).toContain(`Total geral · ${rows.length} pedidos ${money}`);
    expect(flat).toContain('Por situação');
    expect(flat).toContain('Por forma de pagamento');
    expect(squash(text)).toContain(`PIX ${rows.length} ${money}`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      if (/^\s*\d{4}\s+\d\d\/\d\d\/\d{4}, /m.test(page))
        expect(page).toMatch(/Nº\s+Data\s+Cliente\s+Situação\s+Pagamento\s+Total/);
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
    });
    renderPngs(file, 'report');
  });

  it('prints the customer statement with data, addresses, totals and every order', async () => {
    const source = generatedSource(90);
    const [id, record] = [...source.customers.entries()].sort(
      (a, b) => b[1].detail.totals.orderCount - a[1].detail.totals.orderCount,
    )[0];
    const { file, flat } = await print(source, { kind: 'customer', locale: 'pt-BR', customerId: id }, 'customer');
    const c = record.detail.customer;
    expect(flat).toContain('Extrato do cliente');
    expect(flat).toContain(c.name!);
    expect(flat).toContain(`${record.detail.totals.orderCount} ${brl(record.detail.totals.spentCents)}`);
    for (const row of source.matching({ customerId: id })) expect(flat).toContain(` ${row.number} `);
    expect(flat).toContain(record.addresses[0].street!);
    renderPngs(file, 'customer');
  });

  it('prints documents in English when asked', async () => {
    const source = new MemorySource([referenceOrder()]);
    const order = (await print(source, { kind: 'order', locale: 'en', selection: { ids: [98765] } }, 'order-en')).flat;
    expect(order).toContain('Order no. 1043');
    expect(order).toContain('Order total');
    expect(order).toContain('Page 1 of 1');
    expect(order).toContain('Generated 11/28/2025, 12:30 PM');
    expect(order).not.toMatch(/Pedido|Página|Frete/);
    const slip = (
      await print(source, { kind: 'declaration', locale: 'en', selection: { ids: [98765] } }, 'declaration-en')
    ).flat;
    expect(slip).toContain('CONTENT DECLARATION');
    expect(slip).toContain('Signature of the declarant/sender');
    const report = await print(source, { kind: 'report', locale: 'en', selection: { ids: [98765] } }, 'report-en');
    expect(report.flat).toContain('Orders report');
    expect(report.flat).toContain('Selection of 1 order');
    expect(report.flat).toContain('Grand total · 1 order');
    renderPngs(report.file, 'report-en', 1);
  });

  it('paginates a 500-item order with every row whole on one page and the header on every page', async () => {
    const source = new MemorySource([orderFor(1, 7001, 'Ana Lúcia', manyItems(500))]);
    const { file, pages } = await print(
      source,
      { kind: 'order', locale: 'pt-BR', selection: { ids: [1] } },
      'order-500-items',
    );
    expect(pages.length).toBeGreaterThan(5);
    const seen: string[] = [];
    pages.forEach((page, index) => {
      if (index < pages.length - 1 || /SKU-0500/.test(page))
        expect(page).toMatch(/SKU\s+Produto\s+Qtd\.\s+Preço unit\.\s+Total/);
      expect(page).toContain(`Página ${index + 1} de ${pages.length}`);
      for (const line of page.split('\n')) {
        const m = /(SKU-\d{4})\s+Produto de teste nº (\d+) — edição ação\s+(\d)\s+R\$ ([\d.,]+)\s+R\$ ([\d.,]+)/.exec(
          line,
        );
        if (m) seen.push(m[1]);
      }
    });
    // Each row is read whole (SKU, name, quantity, unit price, total on one line) exactly once.
    expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`));
    renderPngs(file, 'order-500-items', 2);
  });

  it('prints a 200-order batch as one PDF of at least 200 pages, a page break per order', async () => {
    const source = generatedSource(200);
    const { file, result, pages } = await print(
      source,
      { kind: 'order', locale: 'pt-BR', selection: { query: {} } },
      'batch-200',
    );
    expect(result.orders).toBe(200);
    expect(pdfPageCount(file)).toBeGreaterThanOrEqual(200);
    expect(result.pages).toBe(pdfPageCount(file));
    const starts = pages.filter((page) => /Pedido nº \d+/.test(page)).length;
    expect(starts).toBe(200);
  });

  it('prints a long batch in parts and merges them, numbering pages on across parts', async () => {
    const source = generatedSource(30);
    const file = join(dir, 'batch-parts.pdf');
    const progress: number[] = [];
    const result = await exportPdf(
      {
        kind: 'packing-slip',
        locale: 'pt-BR',
        selection: { query: {} },
        target: { file },
        onProgress: (p) => progress.push(p.done),
      },
      { source, printer, now: NOW, ordersPerPart: 8 },
    );
    const pages = pdfPages(file);
    expect(pages).toHaveLength(result.pages);
    expect(result.pages).toBeGreaterThanOrEqual(30);
    pages.forEach((page, i) => expect(page).toMatch(new RegExp(`Página ${i + 1} de ${pages.length}\\s*$`, 'm')));
    expect(progress).toEqual([0, 8, 16, 24, 30]);
  });

  it('stamps merged pages where Chromium numbers a whole document: same words, size and place; in English too', async () => {
    const source = generatedSource(12);
    for (const locale of ['pt-BR', 'en'] as const) {
      const request = { kind: 'packing-slip', locale, selection: { query: {} } } as const;
      const whole = join(dir, `whole-${locale}.pdf`);
      const merged = join(dir, `merged-${locale}.pdf`);
      await exportPdf({ ...request, target: { file: whole } }, { source, printer, now: NOW });
      await exportPdf({ ...request, target: { file: merged } }, { source, printer, now: NOW, ordersPerPart: 5 });
      const wholeLines = pageNumberLines(whole);
      const mergedLines = pageNumberLines(merged);
      expect(mergedLines.map((line) => line.text)).toEqual(wholeLines.map((line) => line.text));
      expect(mergedLines[0].text).toBe(
        locale === 'en' ? `Page 1 of ${wholeLines.length}` : `Página 1 de ${wholeLines.length}`,
      );
      mergedLines.forEach((line, i) => {
        // Within 1 pt (a third of a millimetre): the stamp is drawn without kerning, Chromium's text with it.
        for (const edge of ['xMax', 'yMin', 'yMax'] as const)
          expect(Math.abs(line[edge] - wholeLines[i][edge])).toBeLessThan(1);
      });
    }
    renderPngs(join(dir, 'merged-pt-BR.pdf'), 'stamped-page-number', 1);
  });

  it('prints a long report in parts: title once, header on every page, totals at the end, pages numbered on', async () => {
    const source = generatedSource(150);
    const file = join(dir, 'report-parts.pdf');
    const result = await exportPdf(
      { kind: 'report', locale: 'pt-BR', selection: { query: {} }, target: { file } },
      { source, printer, now: NOW, reportRowsPerPart: 60 },
    );
    const pages = pdfPages(file);
    expect(result.pages).toBe(pages.length);
    expect(
      pages.filter((page) => page.includes('Relatório de pedidos\n') || /^\s*Relatório de pedidos\s*$/m.test(page))
        .length,
    ).toBe(1);
    pages.forEach((page, i) => expect(page).toMatch(new RegExp(`Página ${i + 1} de ${pages.length}\\s*$`, 'm')));
    const flat = squash(pdfText(file, false));
    for (const row of source.matching({})) expect(flat).toContain(` ${row.number} `);
    expect(flat.match(/Total geral · 150 pedidos/g)).toHaveLength(1);
    expect(flat).toContain('Por forma de pagamento');
  });

  it('writes one file per order into a folder', async () => {
    const source = generatedSource(5);
    const folder = mkdtempSync(join(dir, 'folder-'));
    const result = await exportPdf(
      { kind: 'declaration', locale: 'pt-BR', selection: { query: {} }, sender: SENDER, target: { folder } },
      { source, printer, now: NOW },
    );
    const numbers = [...source.byId.values()].map((d) => d.order.number).sort();
    expect(readdirSync(folder).sort()).toEqual(numbers.map((n) => `declaracao-${n}.pdf`));
    expect(result.files).toHaveLength(5);
    expect(squash(pdfText(result.files[0]))).toContain('DECLARAÇÃO DE CONTEÚDO');
  });

  it('prints hostile text literally: HTML, RTL overrides and a 10,000-character name (cut where the cache cuts it) leave the other rows intact', async () => {
    const rtl = 'Loja \u202Eabc\u202C Nome';
    const long = 'Ç'.repeat(10_000);
    const orders = [
      orderFor(1, 9001, 'Antes Normal'),
      orderFor(2, 9002, HOSTILE_NAME),
      orderFor(3, 9003, rtl),
      orderFor(4, 9004, long),
      orderFor(5, 9005, 'Depois Normal'),
    ];
    const source = new MemorySource(orders);
    const { file, flat, text } = await print(
      source,
      { kind: 'report', locale: 'pt-BR', selection: { ids: [1, 2, 3, 4, 5] } },
      'report-hostile',
    );
    // A table cell may wrap a name; its characters are all there, in order, and nothing was interpreted as markup.
    const compact = flat.replace(/\s+/g, '');
    expect(compact).toContain(HOSTILE_NAME.replace(/\s+/g, ''));
    // The normaliser keeps TEXT_CAP characters of API text, the last an ellipsis; the document prints all of them.
    expect(compact).toContain(`${'Ç'.repeat(TEXT_CAP - 1)}…`);
    expect(compact.match(/Ç/g)).toHaveLength(TEXT_CAP - 1);
    expect(text).toMatch(/9001\s+05\/03\/2024, 14:02\s+Antes Normal\s+Pagamento aprovado\s+<string>\s+R\$ 955,76/);
    expect(text).toMatch(/9005\s+05\/03\/2024, 14:02\s+Depois Normal\s+Pagamento aprovado\s+<string>\s+R\$ 955,76/);
    expect(flat).toContain('Total geral · 5 pedidos R$ 4.778,80');
    renderPngs(file, 'report-hostile', 2);
  });
});
