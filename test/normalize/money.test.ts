import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCents } from '../../src/main/core/normalize/money';

const cents = (value: unknown): number | null => {
  const result = toCents(value);
  return result.ok ? result.cents : null;
};

describe('toCents', () => {
  it('reads numbers in reais exactly, where a float multiply would not', () => {
    expect(cents(955.76)).toBe(95576);
    expect(Math.round(1.005 * 100)).toBe(100); // the trap: 1.005 * 100 = 100.49999…
    expect(cents(1.005)).toBe(101);
    expect(cents(0.1 + 0.2)).toBe(30);
    expect(cents(0.1 + 0.7)).toBe(80); // 0.7999999999999999
    expect(cents(19.99)).toBe(1999);
    expect(cents(0)).toBe(0);
    expect(cents(123)).toBe(12300);
    expect(cents(-10.5)).toBe(-1050);
  });

  it('reads decimal text in both notations', () => {
    expect(cents('955.76')).toBe(95576);
    expect(cents('955,76')).toBe(95576);
    expect(cents('1.234,56')).toBe(123456);
    expect(cents('1,234.56')).toBe(123456);
    expect(cents('1.234.567')).toBe(123456700);
    expect(cents('R$ 1.234,56')).toBe(123456);
    expect(cents(' 12 ')).toBe(1200);
    expect(cents('0.125')).toBe(13);
    expect(cents('0.124')).toBe(12);
    expect(cents('-0.125')).toBe(-13);
    expect(cents('1e3')).toBe(100000);
    expect(cents('1.5E-2')).toBe(2);
    expect(cents('.5')).toBe(50);
  });

  it('refuses what is not an amount', () => {
    for (const bad of [
      '',
      'abc',
      '1.2.3,4,5',
      '12a',
      null,
      undefined,
      true,
      {},
      [],
      Number.NaN,
      Infinity,
      '1e400',
      1e300,
    ]) {
      expect(cents(bad)).toBeNull();
    }
  });

  it('agrees with integer arithmetic for every two-decimal amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const reais = n / 100;
        expect(cents(reais)).toBe(n);
        expect(cents(reais.toFixed(2))).toBe(n);
        expect(cents(reais.toFixed(2).replace('.', ','))).toBe(n);
      }),
    );
  });
});
