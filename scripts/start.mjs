// `npm start`: the desktop app where Electron's binary is installed; otherwise
// the same renderer and core in a browser, through the preview bridge.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function electronBinaryPresent() {
  const pathFile = join('node_modules', 'electron', 'path.txt');
  return (
    existsSync(pathFile) && existsSync(join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()))
  );
}

// Both open on the built-in demo store when there is no store yet.
const run = (command, args) => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, BALCAO_DEMO: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (electronBinaryPresent()) {
  run(process.execPath, ['scripts/native-abi.mjs', 'electron']);
  run('npx', ['electron-vite', 'preview']);
} else {
  console.log("Electron's binary is not installed on this machine (it was skipped or could not be downloaded),");
  console.log('so Balcão opens as a browser preview: the same screens and data, served on 127.0.0.1.');
  run(process.execPath, ['scripts/native-abi.mjs', 'node']);
  run('npm', ['run', 'preview', '--', '--demo']);
}
