import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secureDataFolder } from '../../../src/main/data-folder';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  const umask = process.umask();
  let root: string;
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the folder 0700, and what is written in it afterwards is 0600', () => {
    root = mkdtempSync(join(tmpdir(), 'balcao-perm-'));
    process.umask(0o022);
    const dir = join(root, 'Balcão');
    secureDataFolder(dir);
    expect(mode(dir)).toBe(0o700);
    writeFileSync(join(dir, 'balcao.db'), 'x');
    mkdirSync(join(dir, 'logs'));
    expect(mode(join(dir, 'balcao.db'))).toBe(0o600);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
  });

  it('tightens a folder an older version left open', () => {
    root = mkdtempSync(join(tmpdir(), 'balcao-perm-'));
    process.umask(0o022);
    const dir = join(root, 'Balcão');
    mkdirSync(join(dir, 'logs'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'balcao.db'), 'x', { mode: 0o644 });
    writeFileSync(join(dir, 'logs', 'balcao.log'), 'x', { mode: 0o644 });
    secureDataFolder(dir);
    expect([mode(dir), mode(join(dir, 'logs'))]).toEqual([0o700, 0o700]);
    expect([mode(join(dir, 'balcao.db')), mode(join(dir, 'logs', 'balcao.log'))]).toEqual([0o600, 0o600]);
  });

  it('leaves Windows to its ACLs', () => {
    root = mkdtempSync(join(tmpdir(), 'balcao-perm-'));
    process.umask(0o022);
    const dir = join(root, 'Balcão');
    secureDataFolder(dir, 'win32');
    expect(process.umask()).toBe(0o022);
  });
});
