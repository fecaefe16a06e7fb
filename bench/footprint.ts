// Footprint benchmark: bytes per order of a cache synced from the fake store (every include), and what compressing
// the raw JSON would save: plain deflate against deflate with a preset dictionary built from typical records.
// Numbers, not pass/fail: see BENCHMARKS.md (Footprint).
//
//   node --import tsx bench/footprint.ts 20000
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { assembleCore } from '../src/main/core/composition';
import { startFakeStore } from '../src/main/core/fake-store';
import { createMemorySecretStore } from '../src/main/core/secrets/memory-secret-store';

const count = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'balcao-footprint-'));
const fake = await startFakeStore({
  seed: 17,
  orders: count,
  customers: Math.ceil(count / 3),
  rateLimit: { timeScale: 1000 },
});
const core = assembleCore({
  appName: 'Balcão',
  version: 'bench',
  dataDir: dir,
  shell: 'cli',
  secrets: createMemorySecretStore(),
  rateLimit: { timeScale: 1000 },
  checkIntegrity: false,
});
try {
  const store = core.stores.ensureScriptStore(fake.alias, fake.apiBaseUrl);
  const t0 = Date.now();
  const outcome = await core.sync.run(store.id, 'full', { credentials: fake.credentials });
  const seconds = (Date.now() - t0) / 1000;
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const file = statSync(join(dir, 'balcao.db')).size;
  const raws = (core.db.prepare('SELECT raw FROM orders').all() as { raw: string }[]).map((r) => r.raw);
  const rawBytes = raws.reduce((n, r) => n + Buffer.byteLength(r), 0);
  // The dictionary: the most recent 32 KiB of 200 sample records, as zlib takes it (later bytes weigh more).
  const dictionary = Buffer.from(raws.slice(0, 200).join('')).subarray(-32 * 1024);
  let plain = 0;
  let withDict = 0;
  for (const raw of raws.slice(200)) {
    plain += deflateRawSync(raw, { level: 6 }).length;
    const packed = deflateRawSync(raw, { level: 6, dictionary });
    withDict += packed.length;
    if (inflateRawSync(packed, { dictionary }).toString() !== raw) throw new Error('not byte-identical');
  }
  const n = raws.length - 200;
  const stored = raws.length;
  console.log(`orders synced: ${stored} in ${seconds.toFixed(1)} s (ok: ${outcome.ok})`);
  console.log(`| orders | file | bytes per order | raw JSON per order | plain deflate | deflate + dictionary |`);
  console.log(
    `| ${stored} | ${(file / 2 ** 20).toFixed(1)} MiB | ${Math.round(file / stored)} | ${Math.round(rawBytes / stored)} | ${Math.round(plain / n)} | ${Math.round(withDict / n)} |`,
  );
} finally {
  await core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
