/** Case- and accent-insensitive form, so "joao" finds "João" as the platform's search does. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}
