import { describe, expect, it } from 'vitest';
import { filterInWords } from '../../src/main/core/export/documents/orders-report';
import type { DocumentContext } from '../../src/main/core/export/doc-format';

const ctx: DocumentContext = {
  locale: 'pt-BR',
  store: { name: 'Loja', timeZone: 'America/Sao_Paulo' },
  generatedAt: new Date('2026-03-01T12:00:00Z'),
};

describe("a report's filter in words", () => {
  it('names the new orders of the sync runs the list was opened on, not "every order"', () => {
    expect(filterInWords(ctx, { arrivedIn: [3] }, 0)).toBe('novos nesta sincronização');
    expect(filterInWords({ ...ctx, locale: 'en' }, { statuses: ['paid'], arrivedIn: [3, 4] }, 0)).toBe(
      'status: paid; new in the last 2 syncs',
    );
  });
});
