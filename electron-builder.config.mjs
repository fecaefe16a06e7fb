// electron-builder's configuration, as a function of the build's environment:
//
//   BALCAO_BUILD_KIND=release (default) | e2e   e2e keeps the Node inspect fuse, so Playwright's _electron can drive it
//   BALCAO_UPDATE_URL=https://…                 the generic update feed baked into the app; unset, the app never checks
//   CSC_LINK / CSC_KEY_PASSWORD (macOS, Windows), WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD (Windows)   code signing
//   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER
//                                              notarisation on macOS
// Without signing credentials the installers are built unsigned and the build says so.

export const APP_ID = 'br.com.balcao.app';
export const PRODUCT_NAME = 'Balcão';

/**
 * Electron's fuses, flipped in the binary at packaging. A release build turns off every way to run the app as
 * something else (plain Node, Node options from the environment, an inspector) and loads only its own, verified
 * app.asar; the e2e build differs in one fuse only, the inspector Playwright attaches through.
 */
export function fusesFor(kind) {
  return {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: kind === 'e2e',
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    enableCookieEncryption: true,
  };
}

export function buildKind(env) {
  const kind = env.BALCAO_BUILD_KIND ?? 'release';
  if (kind !== 'release' && kind !== 'e2e') throw new Error(`BALCAO_BUILD_KIND must be release or e2e, not ${kind}`);
  return kind;
}

/** What can be signed with the credentials in the environment, and what to say about what cannot. */
export function signingPlan(env) {
  const macSign = Boolean(env.CSC_LINK || env.CSC_NAME);
  const notarize = Boolean(
    (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) ||
    (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER),
  );
  const winSign = Boolean(env.WIN_CSC_LINK || env.CSC_LINK);
  const notes = [];
  if (!macSign) notes.push('macOS: no CSC_LINK/CSC_NAME — the app is not signed (Gatekeeper will warn).');
  if (macSign && !notarize) notes.push('macOS: no Apple ID or API key — the app is signed but not notarised.');
  if (!winSign) notes.push('Windows: no WIN_CSC_LINK/CSC_LINK — the installer is not signed (SmartScreen will warn).');
  return { mac: { sign: macSign, notarize: macSign && notarize }, win: { sign: winSign }, notes };
}

const bothArches = ['x64', 'arm64'];

/**
 * Rebuilds better-sqlite3 against Electron's ABI for the arch being packaged (its prebuilt Electron binary when one
 * can be fetched, else node-gyp), and nothing else: @github/keytar is N-API with prebuilt binaries for every target,
 * and building it from source would need libsecret's headers. Returning false tells the builder the dependencies
 * are ready.
 */
export async function rebuildNativeForElectron(context) {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: context.appDir,
    electronVersion: context.electronVersion,
    arch: context.arch,
    platform: context.platform.nodeName,
    onlyModules: ['better-sqlite3'],
    force: true,
  });
  return false;
}

export function builderConfig(env = process.env) {
  const kind = buildKind(env);
  const signing = signingPlan(env);
  const feed = env.BALCAO_UPDATE_URL?.trim() || null;
  if (feed && !feed.startsWith('https://')) throw new Error('BALCAO_UPDATE_URL must be an https URL');
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    // File and folder names without the accent: some Linux tools and Windows shares still trip on it.
    executableName: 'balcao',
    artifactName: 'Balcao-${version}-${os}-${arch}.${ext}',
    copyright: 'Copyright © Balcão',
    directories: { output: kind === 'e2e' ? 'dist/e2e' : 'dist', buildResources: 'resources' },
    // The built app only: out/ from `npm run build` and package.json; production dependencies are added by the
    // builder. Source maps and the dev-only bridge stay out.
    files: [
      'out/**/*',
      'package.json',
      '!**/*.map',
      '!**/*.{ts,tsx,md,cc,cpp,h,hpp,c,gyp,gypi}',
      // better-sqlite3's C sources and bundled SQLite are for building, not running.
      '!node_modules/better-sqlite3/{src,deps}/**',
      // @github/keytar loads prebuilds/<platform>-<arch>/keytar.node: ship that one only, never the host's build/.
      '!node_modules/@github/keytar/{build,src}/**',
      '!node_modules/@github/keytar/prebuilds/**',
      'node_modules/@github/keytar/prebuilds/${platform}-${arch}/**',
      // The CLI and the preview print through Chromium with playwright-core; the app prints with Electron's own
      // printToPDF, so its core loads the Chromium printer only on demand and never in a packaged build.
      '!node_modules/playwright-core/**',
    ],
    asar: true,
    // Native binaries must sit on disk to be loaded; the builder unpacks *.node by itself, this says so plainly.
    asarUnpack: ['**/*.node'],
    npmRebuild: true,
    buildDependenciesFromSource: false,
    beforeBuild: rebuildNativeForElectron,
    electronFuses: fusesFor(kind),
    fileAssociations: [],
    protocols: [],
    publish: feed ? [{ provider: 'generic', url: feed }] : null,
    win: {
      target: [{ target: 'nsis', arch: bothArches }],
      icon: 'resources/icon.ico',
      ...(signing.win.sign ? {} : { signtoolOptions: { sign: null } }),
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      // Uninstalling keeps the merchant's data; erasing it is a separate, explicit step (README).
      deleteAppDataOnUninstall: false,
      shortcutName: PRODUCT_NAME,
    },
    mac: {
      target: [{ target: 'dmg', arch: bothArches }],
      icon: 'resources/icon.icns',
      category: 'public.app-category.business',
      hardenedRuntime: true,
      // null skips signing instead of letting the builder pick any identity in the keychain.
      ...(signing.mac.sign ? {} : { identity: null }),
      notarize: signing.mac.notarize,
    },
    dmg: { title: '${productName} ${version}' },
    linux: {
      target: [
        { target: 'AppImage', arch: bothArches },
        { target: 'deb', arch: bothArches },
      ],
      icon: 'resources/icons',
      category: 'Office',
      synopsis: 'Pedidos e clientes da sua loja Yampi, mesmo sem internet',
      // Debian requires a maintainer; set the real address before publishing a .deb.
      maintainer: 'Balcão <balcao@example.invalid>',
      executableArgs: [],
    },
    // The keychain is reached through libsecret; gnome-keyring (or KWallet) must be running to add a real store.
    deb: { depends: ['libsecret-1-0', 'libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  };
}

export default builderConfig();
