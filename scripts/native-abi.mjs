// Keeps better-sqlite3 built for the runtime about to use it. (@github/keytar is
// an N-API module: one prebuilt binary from its package loads in Node and in
// Electron alike, so it is never swapped.)
//
//   node scripts/native-abi.mjs node       before tests, the CLI, the preview
//   node scripts/native-abi.mjs electron   before `npm run dev` / `npm start`
//
// Node and Electron load native modules of different ABIs (NODE_MODULE_VERSION).
// Each built binary is kept under node_modules/.balcao-native/, keyed by module
// version, runtime and ABI, so switching back and forth is a file copy, and a
// build happens only the first time a runtime is needed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const MODULES = [{ name: 'better-sqlite3', binary: 'build/Release/better_sqlite3.node' }];

const runtime = process.argv[2];
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}

const root = process.cwd();
const cacheRoot = join(root, 'node_modules', '.balcao-native');
const require = createRequire(join(root, 'package.json'));

function target() {
  if (runtime === 'node') return { runtime, abi: process.versions.modules, version: process.versions.node };
  const electronDir = join(root, 'node_modules', 'electron');
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const abiFile = join(electronDir, 'abi_version');
  const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : `electron-${version}`;
  return { runtime, abi, version };
}

function moduleDir(name) {
  return join(root, 'node_modules', name);
}

function build(name, want) {
  const env = { ...process.env };
  const args = ['rebuild', name, '--build-from-source'];
  if (want.runtime === 'electron') {
    // Electron's documented recipe: node-gyp against Electron's headers.
    env.npm_config_runtime = 'electron';
    env.npm_config_target = want.version;
    env.npm_config_disturl = 'https://electronjs.org/headers';
    env.npm_config_nodedir = '';
  }
  console.error(`[native-abi] building ${name} for ${want.runtime} (ABI ${want.abi})…`);
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`[native-abi] could not build ${name} for ${want.runtime}.`);
    process.exit(1);
  }
}

const want = target();
for (const { name, binary } of MODULES) {
  const dir = moduleDir(name);
  const binaryPath = join(dir, binary);
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const stampPath = join(cacheRoot, `${name}.json`);
  // npm builds install scripts under Node: without a stamp, the binary in place is Node's.
  const current = existsSync(stampPath)
    ? JSON.parse(readFileSync(stampPath, 'utf8'))
    : { runtime: 'node', abi: process.versions.modules, moduleVersion: version };
  if (
    current.runtime === want.runtime &&
    current.abi === want.abi &&
    current.moduleVersion === version &&
    existsSync(binaryPath)
  )
    continue;

  const slot = (r) => join(cacheRoot, `${name}@${version}`, `${r.runtime}-${r.abi}.node`);
  mkdirSync(join(cacheRoot, `${name}@${version}`), { recursive: true });
  if (existsSync(binaryPath) && current.moduleVersion === version) copyFileSync(binaryPath, slot(current));

  if (existsSync(slot(want))) copyFileSync(slot(want), binaryPath);
  else {
    build(name, want);
    copyFileSync(binaryPath, slot(want));
  }
  writeFileSync(stampPath, JSON.stringify({ runtime: want.runtime, abi: want.abi, moduleVersion: version }));
  console.error(`[native-abi] ${name} now built for ${want.runtime} (ABI ${want.abi}).`);
}

if (runtime === 'node') {
  // Fail here, with a clear message, rather than deep inside a test.
  for (const { name } of MODULES) {
    try {
      require(name);
    } catch (error) {
      console.error(`[native-abi] ${name} does not load under Node ${process.version}: ${error.message}`);
      console.error('[native-abi] try: rm -rf node_modules/.balcao-native && npm rebuild better-sqlite3');
      process.exit(1);
    }
  }
}
