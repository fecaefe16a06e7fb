/**
 * A list's pages, each asked for once while the list stays the same (`key`: its filter, sort, store and data):
 * the page on screen and its neighbours, so stepping across a page boundary needs no list read. A new key forgets
 * every page; a page whose read failed is asked for again next time.
 */
export class PageCache<P> {
  #key = '';
  #pages = new Map<number, Promise<P>>();

  at(key: string, offset: number, read: () => Promise<P>): Promise<P> {
    if (key !== this.#key) {
      this.#key = key;
      this.#pages = new Map();
    }
    const pages = this.#pages;
    const kept = pages.get(offset);
    if (kept) return kept;
    const asked = read();
    pages.set(offset, asked);
    asked.catch(() => pages.get(offset) === asked && pages.delete(offset));
    return asked;
  }

  /** Keeps only the pages within `span` of `offset`. */
  keepAround(offset: number, span: number): void {
    for (const kept of this.#pages.keys()) if (Math.abs(kept - offset) > span) this.#pages.delete(kept);
  }
}
