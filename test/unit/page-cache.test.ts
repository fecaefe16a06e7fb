import { describe, expect, it } from 'vitest';
import { PageCache } from '../../src/renderer/src/lib/page-cache';

describe('the order list’s page cache', () => {
  it('reads each page once per key, forgets every page on a new key, and keeps only the pages near the one shown', async () => {
    const reads: string[] = [];
    const cache = new PageCache<string>();
    const at = (key: string, offset: number) =>
      cache.at(key, offset, () => {
        reads.push(`${key}@${offset}`);
        return Promise.resolve(`${key} page ${offset}`);
      });
    expect(await at('a', 0)).toBe('a page 0');
    expect(await at('a', 100)).toBe('a page 100');
    expect(await at('a', 0)).toBe('a page 0');
    expect(reads).toEqual(['a@0', 'a@100']);

    expect(await at('b', 0)).toBe('b page 0');
    expect(await at('b', 100)).toBe('b page 100');
    expect(reads).toEqual(['a@0', 'a@100', 'b@0', 'b@100']);

    await at('b', 200);
    cache.keepAround(200, 100);
    await at('b', 100);
    await at('b', 0);
    expect(reads.slice(4)).toEqual(['b@200', 'b@0']);
  });

  it('shares a read still under way, and asks again after one that failed', async () => {
    const cache = new PageCache<number>();
    let reads = 0;
    let fail = true;
    const read = () => {
      reads += 1;
      return fail ? Promise.reject(new Error('busy')) : Promise.resolve(reads);
    };
    const first = cache.at('k', 0, read);
    expect(cache.at('k', 0, read)).toBe(first);
    await expect(first).rejects.toThrow('busy');
    fail = false;
    expect(await cache.at('k', 0, read)).toBe(2);
    expect(await cache.at('k', 0, read)).toBe(2);
  });
});
