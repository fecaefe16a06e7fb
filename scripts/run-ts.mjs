// Runs a TypeScript entry point under Node with tsx's loader, passing the rest
// of the arguments through (used by the CLI, the fake store and the preview).
import { spawn } from 'node:child_process';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs ENTRY.ts [ARGS…]');
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
