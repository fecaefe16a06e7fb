// `npm run fake-store -- …`: serves a fake store until killed. The first stdout
// line is `listening on URL`, which scripts and tests wait for.
import { USAGE, UsageError, parseCliArgs } from './cli-args';
import { startFakeStore } from './server';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`fake-store: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const store = await startFakeStore(options);
  process.stdout.write(`listening on ${store.url}\n`);
  process.stdout.write(`alias ${store.alias} token ${store.credentials.token} secret ${store.credentials.secret}\n`);
  const stop = (): void => void store.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-store: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
