import { describe, expect, it } from 'vitest';
import {
  formatCep,
  formatInstant,
  formatMoney,
  formatNumber,
  formatPhone,
  formatTaxId,
  pluralForm,
} from '../../src/shared/format';

// Intl puts a no-break space after "R$"; compare on plain spaces.
const plain = (text: string): string => text.replace(/\u00a0|\u202f/g, ' ');

describe('formatting', () => {
  it('formats integer cents as BRL in both languages', () => {
    expect(plain(formatMoney(95576, 'pt-BR'))).toBe('R$ 955,76');
    expect(plain(formatMoney(123456789, 'pt-BR'))).toBe('R$ 1.234.567,89');
    expect(plain(formatMoney(-500, 'pt-BR'))).toBe('-R$ 5,00');
    expect(formatMoney(95576, 'en')).toBe('R$955.76');
  });

  it('writes counts with the language separators, four digits included', () => {
    expect(formatNumber(2000, 'pt-BR')).toBe('2.000');
    expect(formatNumber(1568, 'pt-BR')).toBe('1.568');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(999, 'pt-BR')).toBe('999');
  });

  it('picks the plural form each language uses for a count', () => {
    expect(pluralForm(1, 'pt-BR')).toBe('one');
    expect(pluralForm(0, 'pt-BR')).toBe('one');
    expect(pluralForm(2, 'pt-BR')).toBe('other');
    expect(pluralForm(0, 'en')).toBe('other');
    expect(pluralForm(1, 'en')).toBe('one');
  });

  it('shows instants in the store time zone, whatever the machine zone', () => {
    // 02:30 UTC is still the previous evening in São Paulo (UTC−3).
    expect(formatInstant('2024-03-05T02:30:00.000Z', 'America/Sao_Paulo', 'pt-BR')).toBe('04/03/2024, 23:30');
    expect(formatInstant('2024-03-05T02:30:00.000Z', 'America/Manaus', 'pt-BR', 'date')).toBe('04/03/2024');
    expect(formatInstant('2024-03-05T02:30:00.000Z', 'UTC', 'en')).toBe('03/05/2024, 02:30 AM');
    expect(formatInstant('not a date', 'UTC', 'en')).toBe('');
  });

  it('formats CPF and CNPJ with or without punctuation, leaving odd values alone', () => {
    expect(formatTaxId('52998224725')).toBe('529.982.247-25');
    expect(formatTaxId('529.982.247-25')).toBe('529.982.247-25');
    expect(formatTaxId('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatTaxId('123')).toBe('123');
    expect(formatTaxId(null)).toBe('');
  });

  it('formats mobile and landline phones, with or without +55', () => {
    expect(formatPhone('11987654321')).toBe('(11) 98765-4321');
    expect(formatPhone('+55 (11) 98765-4321')).toBe('(11) 98765-4321');
    expect(formatPhone('1134567890')).toBe('(11) 3456-7890');
    expect(formatPhone('12345')).toBe('12345');
  });

  it('formats CEPs, including ones that lost a leading zero as numbers', () => {
    expect(formatCep('01310100')).toBe('01310-100');
    expect(formatCep(1310100)).toBe('01310-100');
    expect(formatCep('')).toBe('');
  });
});
