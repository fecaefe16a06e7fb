import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The data folder Electron's app.getPath('userData') would give outside
 * Electron, so the CLI and the browser preview find the desktop app's database.
 */
export function defaultDataDir(appName = 'Balcão'): string {
  if (process.env['BALCAO_DATA_DIR']) return process.env['BALCAO_DATA_DIR'];
  switch (process.platform) {
    case 'win32':
      return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), appName);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', appName);
    default:
      return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), appName);
  }
}
