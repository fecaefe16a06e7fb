import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The app these tests drive: the unpacked e2e build from `npm run dist:e2e` (release fuses but the inspector, which
 * Playwright's _electron attaches through), or the executable named by BALCAO_ELECTRON_APP. Electron's binary must
 * exist to build either; where it cannot be downloaded the suite is skipped with the reason.
 */
export function findElectronApp(): { executable: string } | { reason: string } {
  const named = process.env['BALCAO_ELECTRON_APP'];
  if (named)
    return existsSync(named) ? { executable: named } : { reason: `BALCAO_ELECTRON_APP=${named} does not exist` };
  const root = resolve('dist', 'e2e');
  const candidates = [
    join(root, 'linux-unpacked', 'balcao'),
    join(root, `linux-${process.arch}-unpacked`, 'balcao'),
    join(root, 'win-unpacked', 'balcao.exe'),
    join(root, `win-${process.arch}-unpacked`, 'balcao.exe'),
    ...(existsSync(root)
      ? readdirSync(root)
          .filter((dir) => dir.startsWith('mac'))
          .map((dir) => join(root, dir, 'Balcão.app', 'Contents', 'MacOS', 'Balcão'))
      : []),
  ];
  const executable = candidates.find((path) => existsSync(path));
  if (executable) return { executable };
  const electronBinary = existsSync(resolve('node_modules', 'electron', 'path.txt'));
  return {
    reason: electronBinary
      ? 'no e2e build: run `npm run dist:e2e` first'
      : "Electron's binary is absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1), so no app can be built to test",
  };
}
