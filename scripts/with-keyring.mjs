// Runs a command with a private, unlocked Secret Service on Linux, so keytar
// tests use a real keyring without touching the person's own: a new D-Bus
// session (dbus-run-session) with gnome-keyring-daemon and a throw-away
// keyring folder, removed afterwards. Elsewhere (macOS, Windows) the command
// runs as is against the OS keychain.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-keyring.mjs COMMAND [ARGS…]');
  process.exit(2);
}

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
// A project tool (vitest) from node_modules/.bin, anything else from PATH.
const npxBin = (name) => {
  const local = join(process.cwd(), 'node_modules', '.bin', name);
  return !name.includes('/') && existsSync(local) ? local : name;
};

// Name what the suites need and is missing, up front: otherwise a keychain test reports KEYCHAIN_UNAVAILABLE, the
// browser suites skip and a PDF check fails on a missing pdftotext, each far from the cause.
if (process.platform === 'linux') {
  const chromium = process.env.BALCAO_CHROMIUM ?? '/usr/bin/chromium';
  const needs = [
    { debian: 'dbus', present: has('dbus-run-session'), for: 'the private keyring session' },
    { debian: 'gnome-keyring', present: has('gnome-keyring-daemon'), for: 'the real-keyring tests' },
    { debian: 'chromium', present: existsSync(chromium), for: `the browser tests (looked for ${chromium})` },
    { debian: 'poppler-utils', present: has('pdftotext') && has('pdftoppm'), for: 'the PDF checks' },
  ];
  const missing = needs.filter((need) => !need.present);
  if (missing.length > 0) {
    for (const need of missing) console.error(`[with-keyring] missing ${need.debian}: needed for ${need.for}.`);
    console.error(`[with-keyring] install: sudo apt-get install ${missing.map((need) => need.debian).join(' ')}`);
  }
}

let status;
if (
  process.platform === 'linux' &&
  process.env.BALCAO_KEYRING !== 'system' &&
  has('dbus-run-session') &&
  has('gnome-keyring-daemon')
) {
  const home = mkdtempSync(join(tmpdir(), 'balcao-keyring-'));
  const script = [
    // The password only guards this throw-away keyring.
    'printf balcao-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    'exec "$@"',
  ].join('\n');
  const result = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', script, 'sh', npxBin(command[0]), ...command.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, XDG_DATA_HOME: home, BALCAO_TEST_KEYRING: '1' },
    },
  );
  rmSync(home, { recursive: true, force: true });
  status = result.status ?? 1;
} else {
  if (process.platform === 'linux') {
    console.error(
      '[with-keyring] dbus-run-session or gnome-keyring-daemon missing: keychain tests will report KEYCHAIN_UNAVAILABLE (install dbus gnome-keyring).',
    );
  }
  status =
    spawnSync(npxBin(command[0]), command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' }).status ??
    1;
}
process.exit(status);
