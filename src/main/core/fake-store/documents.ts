import type { Rng } from './prng';

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  const sum = digits.reduce((acc, d, i) => acc + d * weights[i], 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const CPF_W1 = [10, 9, 8, 7, 6, 5, 4, 3, 2];
const CPF_W2 = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

export function onlyDigits(value: string): string {
  return value.replace(/\D/g, '');
}

export function cpfDigits(rng: Rng): string {
  let base: number[];
  // All-equal digits pass the arithmetic but are rejected by every validator.
  do base = Array.from({ length: 9 }, () => rng.int(0, 9));
  while (base.every((d) => d === base[0]));
  const d1 = checkDigit(base, CPF_W1);
  const d2 = checkDigit([...base, d1], CPF_W2);
  return [...base, d1, d2].join('');
}

export function cnpjDigits(rng: Rng): string {
  const base = [...Array.from({ length: 8 }, () => rng.int(0, 9)), 0, 0, 0, 1];
  const d1 = checkDigit(base, CNPJ_W1);
  const d2 = checkDigit([...base, d1], CNPJ_W2);
  return [...base, d1, d2].join('');
}

export function formatCpf(d: string): string {
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

export function formatCnpj(d: string): string {
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
}

export function isValidCpf(value: string): boolean {
  const d = onlyDigits(value).split('').map(Number);
  if (d.length !== 11 || d.every((x) => x === d[0])) return false;
  return checkDigit(d.slice(0, 9), CPF_W1) === d[9] && checkDigit(d.slice(0, 10), CPF_W2) === d[10];
}

export function isValidCnpj(value: string): boolean {
  const d = onlyDigits(value).split('').map(Number);
  if (d.length !== 14 || d.every((x) => x === d[0])) return false;
  return checkDigit(d.slice(0, 12), CNPJ_W1) === d[12] && checkDigit(d.slice(0, 13), CNPJ_W2) === d[13];
}
