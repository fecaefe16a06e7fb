// Packs a cache's raw JSON three rows a batch, says so after each committed batch, and after two starts a third that
// it never commits: the test kills it there, as a crash or a closed laptop lid would.
import { openDatabase } from '../../../src/main/core/db';
import { REPACK_START, repackRawBatch } from '../../../src/main/core/db/raw-repack';

const db = openDatabase(process.argv[2] ?? '');
let cursor = REPACK_START;
for (let batch = 1; batch <= 2; batch += 1) {
  cursor = repackRawBatch(db, cursor, 3).cursor;
  process.stdout.write(`committed ${batch}\n`);
}
db.exec('BEGIN IMMEDIATE');
repackRawBatch(db, cursor, 3);
process.stdout.write('inside 3\n');
setInterval(() => {}, 1_000);
