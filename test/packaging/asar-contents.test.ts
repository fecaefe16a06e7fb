import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readdirSync } from 'node:fs';
import { listPackage } from '@electron/asar';
import { build, Platform } from 'electron-builder';
import { ensureRendererBuilt } from '../helpers/renderer-build';
import { builtInFeed } from '../../src/main/updates';
// @ts-expect-error plain JavaScript configuration, read by electron-builder itself
import { builderConfig } from '../../electron-builder.config.mjs';

/**
 * What the installers would carry, from `npm run build`'s output, through electron-builder itself: a Linux `dir`
 * build around a stand-in Electron (Electron's binary cannot be downloaded here). The stand-in means no fuses can be
 * flipped and nothing is rebuilt for Electron; everything else — the file filters, asar packing and unpacking,
 * production dependencies, app-update.yml — is the builder's real work.
 */
let output: string;
let resources: string;
let files: string[];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

beforeAll(async () => {
  ensureRendererBuilt();
  const fakeElectron = mkdtempSync(join(tmpdir(), 'balcao-fake-electron-'));
  mkdirSync(join(fakeElectron, 'resources'));
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n');
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  output = mkdtempSync(join(tmpdir(), 'balcao-dir-build-'));
  const config = {
    ...(builderConfig as (env: Record<string, string>) => Record<string, unknown>)({
      BALCAO_UPDATE_URL: 'https://updates.example.com/balcao',
    }),
    electronFuses: null,
    npmRebuild: false,
    electronDist: fakeElectron,
    electronVersion: '45.4.1',
    directories: { output, buildResources: 'resources' },
  };
  await build({ targets: Platform.LINUX.createTarget('dir'), config, publish: 'never' });
  rmSync(fakeElectron, { recursive: true, force: true });
  resources = join(output, 'linux-unpacked', 'resources');
  files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((path) => path.replace(/^[/\\]/, ''));
}, 300_000);

afterAll(() => output && rmSync(output, { recursive: true, force: true }));

describe('the packaged app’s files', () => {
  it('carries the built main, writer and prepare workers, preload and renderer', () => {
    for (const file of [
      'out/main/index.js',
      'out/main/writer-worker.js',
      'out/main/prepare-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(files, file).toContain(file);
    expect(files.some((file) => /^out\/main\/chunks\/.+\.js$/.test(file))).toBe(true);
    expect(existsSync(join('out', 'main', 'writer-worker.js'))).toBe(true);
    expect(existsSync(join('out', 'main', 'prepare-worker.js'))).toBe(true);
  });

  it('leaves out sources, maps, the dev bridge and build-only files', () => {
    expect(files.filter((file) => file.startsWith('src/'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map') || file.endsWith('.ts'))).toEqual([]);
    expect(files.filter((file) => /better-sqlite3\/(src|deps)\//.test(file))).toEqual([]);
    expect(
      files.filter((file) => /node_modules\/(electron|electron-builder|vitest|svelte|playwright-core)\//.test(file)),
    ).toEqual([]);
    const main = readFileSync(join('out', 'main', 'index.js'), 'utf8');
    expect(main).not.toContain('__bridge');
  });

  it('unpacks the native binaries: better-sqlite3, and keytar’s prebuild for this platform and arch only', () => {
    const unpacked = walk(join(resources, 'app.asar.unpacked')).map((file) =>
      relative(join(resources, 'app.asar.unpacked'), file),
    );
    expect(unpacked).toContain(join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    const keytar = unpacked.filter((file) => file.includes('keytar') && file.endsWith('.node'));
    expect(keytar).toEqual([
      join('node_modules', '@github', 'keytar', 'prebuilds', `linux-${process.arch}`, 'keytar.node'),
    ]);
  });

  it('bakes the build-time update feed into the app, where the shell finds it', () => {
    expect(builtInFeed(resources, true)).toBe('https://updates.example.com/balcao');
    expect(builtInFeed(resources, false)).toBeNull();
  });
});
