// Prints src/main/core/db/raw-dictionaries.ts's dictionary for a kind of record: zlib's preset dictionary for
// the raw JSON, the last 32 KiB (zlib's window; later bytes are matched more cheaply) of 200 records the fake
// store presents for seed 3 as the sync asks for them. Made-up records only: a dictionary ships with the app and is
// never built from a store's own data. A printed dictionary is frozen once released (rows name its id): a better
// one is added under a new id.
//
//   node --import tsx bench/raw-dictionary.ts order|customer
import { presentCustomer, presentOrder, StoreModel } from '../src/main/core/fake-store';
import { redactedJson } from '../src/main/core/normalize';
import { ORDER_INCLUDES } from '../src/main/core/sync';

const SAMPLES = 200;
const kind = process.argv[2];
const model = new StoreModel({ seed: 3, orders: SAMPLES, customers: SAMPLES });
const records: string[] = [];
for (let i = 0; i < SAMPLES; i += 1) {
  const record =
    kind === 'customer'
      ? presentCustomer(model.customer(i), new Set())
      : presentOrder(model.order(i), new Set<string>(ORDER_INCLUDES));
  records.push(redactedJson(record) ?? 'null');
}
console.log(
  Buffer.from(records.join(''))
    .subarray(-32 * 1024)
    .toString('base64'),
);
