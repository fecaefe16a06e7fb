import { describe, expect, it } from 'vitest';
import { filterInWords } from '../../src/main/core/export/documents/orders-report';
import type { DocumentContext } from '../../src/main/core/export/doc-format';

const ctx = (locale: DocumentContext['locale']): DocumentContext => ({
  locale,
  store: { name: 'Loja', timeZone: 'America/Sao_Paulo' },
  generatedAt: new Date('2024-06-01T12:00:00Z'),
});

describe("the orders report's filter sentence", () => {
  it('names the hour of the day and the weekday the list was filtered to (the Painel bars)', () => {
    expect(filterInWords(ctx('pt-BR'), { hour: 9, weekday: 0 }, 0)).toBe('criados às 09h; criados em: seg.');
    expect(filterInWords(ctx('en'), { hour: 21, weekday: 6 }, 0)).toBe('created at 21h; created on: Sun');
  });
});
