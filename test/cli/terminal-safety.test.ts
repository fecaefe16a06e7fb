import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/core/cli/main';
import type { Terminal } from '../../src/main/core/cli/terminal';
import { assembleCore } from '../../src/main/core/composition';
import { writeCustomers, writeOrderPage } from '../../src/main/core/db';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import type { Customer } from '../../src/shared/domain/customer';
import { makeOrder, SP } from '../db/helpers';

// Retitles the terminal (OSC 0 … BEL), turns the text red (CSI … m), reverses what follows (RLO), clears the screen
// with an 8-bit CSI (U+009B), and tabs and returns over the columns.
const NAME = 'Ana\u001b]0;pwned\u0007\u001b[31mRed\u202eesrever\u009b2J\tx\ry';
const EMAIL = 'ana\u2066@example.com';
// Everything a terminal would act on, but the newline.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

function recorder(): Terminal & { stdout: string; stderr: string } {
  const t = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (t.stdout += text),
    err: (text: string) => void (t.stderr += text),
    stdinIsTty: false,
    stderrIsTty: false,
    ask: () => Promise.reject(new Error('no prompt expected')),
    env: () => undefined,
  };
  return t;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const term = recorder();
  const code = await runCli([...args, '--data-dir', dir], term);
  return { code, stdout: term.stdout, stderr: term.stderr };
}

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'balcao-inert-'));
  const core = assembleCore({
    appName: 'Balcão',
    version: 't',
    dataDir: dir,
    shell: 'cli',
    secrets: createMemorySecretStore(),
  });
  const storeId = core.stores.ensureScriptStore('loja', 'http://127.0.0.1:9/v2').id;
  const order = makeOrder(1, {}, storeId);
  writeOrderPage(
    core.db,
    storeId,
    [{ ...order, customer: { ...order.customer!, name: NAME, email: EMAIL } }],
    // The detail is read again from the raw record, so the hostile text must be there as the API would send it.
    [{ id: 1, customer: { data: { id: order.customer!.id, name: NAME, email: EMAIL } } }],
    [],
    null,
  );
  const customer: Customer = {
    id: order.customer!.id ?? 501,
    storeId,
    name: NAME,
    firstName: null,
    lastName: null,
    email: EMAIL,
    taxId: null,
    taxIdKind: null,
    companyName: null,
    phone: null,
    birthday: null,
    active: true,
    createdAt: { utc: '2024-01-01T12:00:00.000Z', zone: SP },
    parseProblems: [],
  };
  writeCustomers(core.db, storeId, [customer], [{ id: customer.id }], [], null);
  await core.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI output with control characters in store data', () => {
  it('prints names inert in orders, order, customers and customer', async () => {
    for (const args of [
      ['orders'],
      ['order', '1'],
      ['customers'],
      ['customer', String(makeOrder(1).customer!.id ?? 501)],
    ]) {
      const run = await cli(args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Ana\uFFFD]0;pwned\uFFFD\uFFFD[31mRed');
      expect(run.stdout + run.stderr).not.toMatch(ACTIVE);
    }
  });

  it('keeps --json exact', async () => {
    const orders = JSON.parse((await cli(['orders', '--json'])).stdout) as { rows: { customerName: string }[] };
    expect(orders.rows[0].customerName).toBe(NAME);
    const customers = JSON.parse((await cli(['customers', '--json'])).stdout) as {
      rows: { name: string; email: string }[];
    };
    expect(customers.rows[0]).toMatchObject({ name: NAME, email: EMAIL });
  });
});
