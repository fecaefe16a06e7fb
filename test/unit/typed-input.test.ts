import { describe, expect, it } from 'vitest';
import { dayOrder, formatCentsInput, formatDay, parseDay, parseMoney } from '../../src/renderer/src/lib/typed-input';

const ok = <T>(value: T) => ({ ok: true, value });

describe('dates typed in the person’s language', () => {
  it('reads pt-BR as dd/mm/aaaa and en as mm/dd/yyyy', () => {
    expect(dayOrder('pt-BR')).toEqual(['day', 'month', 'year']);
    expect(dayOrder('en')).toEqual(['month', 'day', 'year']);
    expect(parseDay('05/03/2024', 'pt-BR')).toEqual(ok('2024-03-05'));
    expect(parseDay('05/03/2024', 'en')).toEqual(ok('2024-05-03'));
    expect(formatDay('2024-03-05', 'pt-BR')).toBe('05/03/2024');
    expect(formatDay('2024-03-05', 'en')).toBe('03/05/2024');
    expect(formatDay('', 'pt-BR')).toBe('');
  });

  it('takes the separators, short forms and run-together digits people type, and ISO days', () => {
    for (const typed of ['5/3/2024', '05.03.2024', '05-03-2024', ' 5 / 3 / 24 ', '05032024', '2024-03-05'])
      expect(parseDay(typed, 'pt-BR'), typed).toEqual(ok('2024-03-05'));
    expect(parseDay('03052024', 'en')).toEqual(ok('2024-03-05'));
    expect(parseDay('', 'pt-BR')).toEqual(ok(''));
    expect(parseDay('29/02/2024', 'pt-BR')).toEqual(ok('2024-02-29'));
  });

  it('tells an impossible date from text that is not a date', () => {
    for (const typed of ['31/02/2024', '29/02/2023', '00/01/2024', '10/13/2024', '31/04/2024', '01/01/1850'])
      expect(parseDay(typed, 'pt-BR'), typed).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDay('02/31/2024', 'en')).toEqual({ ok: false, reason: 'impossible' });
    for (const typed of ['amanhã', '1/2', '1/2/3/4', '123/01/2024', '01/01/202', '2024-3', '1a/01/2024'])
      expect(parseDay(typed, 'pt-BR'), typed).toEqual({ ok: false, reason: 'format' });
  });
});

describe('amounts typed in the person’s language, as integer cents', () => {
  it('reads pt-BR and en separators', () => {
    expect(parseMoney('R$ 1.234,56', 'pt-BR')).toEqual(ok(123_456));
    expect(parseMoney('1234,5', 'pt-BR')).toEqual(ok(123_450));
    expect(parseMoney('50', 'pt-BR')).toEqual(ok(5_000));
    expect(parseMoney('1.000.000', 'pt-BR')).toEqual(ok(100_000_000));
    expect(parseMoney('0,07', 'pt-BR')).toEqual(ok(7));
    expect(parseMoney('1,234.56', 'en')).toEqual(ok(123_456));
    expect(parseMoney('R$1234.5', 'en')).toEqual(ok(123_450));
    expect(parseMoney('  ', 'en')).toEqual(ok(null));
  });

  it('reads a lone other mark before one or two digits as the decimal point', () => {
    expect(parseMoney('12.50', 'pt-BR')).toEqual(ok(1_250));
    expect(parseMoney('12,5', 'en')).toEqual(ok(1_250));
    // Three digits after it are a thousands group.
    expect(parseMoney('1.250', 'pt-BR')).toEqual(ok(125_000));
  });

  it('refuses what is not an amount', () => {
    for (const typed of ['-10', '1,234', '12,345,67', '1.23.4', 'dez', '1,2,3', '10,999'])
      expect(parseMoney(typed, 'pt-BR'), typed).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('99999999999999999999', 'pt-BR')).toEqual({ ok: false, reason: 'impossible' });
  });

  it('writes cents back as they would be typed', () => {
    expect(formatCentsInput(123_456, 'pt-BR')).toBe('1.234,56');
    expect(formatCentsInput(5_000, 'en')).toBe('50.00');
    for (const locale of ['pt-BR', 'en'] as const)
      expect(parseMoney(formatCentsInput(98_765_43, locale), locale)).toEqual(ok(98_765_43));
  });
});
