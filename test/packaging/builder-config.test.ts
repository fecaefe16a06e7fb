import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  builderConfig,
  fusesFor,
  signingPlan,
  APP_ID,
  PRODUCT_NAME,
  // @ts-expect-error plain JavaScript configuration, read by electron-builder itself
} from '../../electron-builder.config.mjs';

type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  publish: unknown;
  win: { target: { target: string; arch: string[] }[] };
  mac: { target: { target: string; arch: string[] }[]; identity?: null; notarize: boolean };
  linux: { target: { target: string; arch: string[] }[] };
};
const config = builderConfig as (env: Record<string, string>) => Config;

// electron-builder's own validation: the JSON schema it checks every configuration against before building.
const require = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
const { validateConfiguration } = require('./util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (on: boolean) => unknown };
const schema = require('../scheme.json') as { definitions: { FuseOptionsV1: { properties: object } } };
const validate = (c: unknown) => validateConfiguration(c, new DebugLogger(false));

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema for every build kind, with and without a feed and credentials', async () => {
    const envs: Record<string, string>[] = [
      {},
      { BALCAO_BUILD_KIND: 'e2e' },
      { BALCAO_UPDATE_URL: 'https://updates.example.com/balcao' },
      { CSC_LINK: 'cert.p12', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' },
    ];
    for (const env of envs) {
      await expect(validate(config(env)), JSON.stringify(env)).resolves.toBeUndefined();
    }
  });

  it('the schema check can fail: an unknown option or a misspelt fuse is refused', async () => {
    await expect(validate({ ...config({}), asarr: true })).rejects.toThrow(/asarr/);
    await expect(validate({ ...config({}), electronFuses: { runAsNodee: false } })).rejects.toThrow(/electronFuses/);
  });

  it('names the app and builds NSIS, dmg, AppImage and deb for x64 and arm64, with asar on', () => {
    const c = config({});
    expect([c['appId'], c['productName'], c['asar']]).toEqual([APP_ID, PRODUCT_NAME, true]);
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(c.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(c.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(c['fileAssociations']).toEqual([]);
  });

  it('release fuses: no Node mode, no NODE_OPTIONS, no inspector, only a verified app.asar, cookies encrypted', () => {
    expect(config({}).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    for (const name of Object.keys(fusesFor('release')))
      expect(schema.definitions.FuseOptionsV1.properties).toHaveProperty(name);
  });

  it('the e2e build differs from a release in the inspect fuse only, and goes to its own folder', () => {
    const release = config({}).electronFuses;
    const e2e = config({ BALCAO_BUILD_KIND: 'e2e' }).electronFuses;
    expect(e2e).toEqual({ ...release, enableNodeCliInspectArguments: true });
    expect(config({ BALCAO_BUILD_KIND: 'e2e' })['directories']).toMatchObject({ output: 'dist/e2e' });
    expect(() => config({ BALCAO_BUILD_KIND: 'debug' })).toThrow(/release or e2e/);
  });

  it('publishes to a feed only when one is set at build time, and only over https', () => {
    expect(config({}).publish).toBeNull();
    expect(config({ BALCAO_UPDATE_URL: 'https://updates.example.com/balcao' }).publish).toEqual([
      { provider: 'generic', url: 'https://updates.example.com/balcao' },
    ]);
    expect(() => config({ BALCAO_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/https/);
  });

  it('skips signing and notarisation, saying so, when their credentials are absent', () => {
    const none = signingPlan({}) as {
      mac: { sign: boolean; notarize: boolean };
      win: { sign: boolean };
      notes: string[];
    };
    expect(none).toMatchObject({ mac: { sign: false, notarize: false }, win: { sign: false } });
    expect(none.notes.join('\n')).toMatch(/macOS.*not signed[\s\S]*Windows.*not signed/);
    expect(config({}).mac.identity).toBeNull();
    const signed = signingPlan({
      CSC_LINK: 'c.p12',
      APPLE_API_KEY: 'k',
      APPLE_API_KEY_ID: 'i',
      APPLE_API_ISSUER: 'x',
    }) as { mac: { sign: boolean; notarize: boolean }; win: { sign: boolean }; notes: string[] };
    expect(signed).toMatchObject({ mac: { sign: true, notarize: true }, win: { sign: true }, notes: [] });
    expect(config({ CSC_LINK: 'c.p12' }).mac).not.toHaveProperty('identity');
  });
});

describe('icons generated from resources/icon.svg', () => {
  const png = (path: string) => {
    const data = readFileSync(path);
    expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  };

  it('has a PNG per Linux size, a 1024 px icon.png, an ICO and an ICNS holding PNGs', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
      expect(png(`resources/icons/${size}x${size}.png`)).toEqual({ width: size, height: size });
    expect(png('resources/icon.png')).toEqual({ width: 1024, height: 1024 });
    const ico = readFileSync('resources/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = readFileSync('resources/icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4))
      types.push(icns.subarray(offset, offset + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10', 'ic13', 'ic14']));
  });
});
