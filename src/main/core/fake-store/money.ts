/** Money is kept in integer cents while computing so totals add up exactly, and sent as reais. */
export function reais(cents: number): number {
  return Math.round(cents) / 100;
}

/** "R$ 1.234,56", the platform's display format. */
export function formatBrl(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  const int = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const frac = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}R$ ${int},${frac}`;
}
