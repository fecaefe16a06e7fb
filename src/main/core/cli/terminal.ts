import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Interrupted } from './exit-codes';

/** What a command writes to and reads from; tests and the real process differ only here. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  readonly stdinIsTty: boolean;
  readonly stderrIsTty: boolean;
  /** Reads a line; with `hidden` nothing typed is echoed (token and secret). Ctrl-C or end of input rejects with Interrupted. */
  ask(question: string, hidden?: boolean): Promise<string>;
  env(name: string): string | undefined;
}

export function processTerminal(): Terminal {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdinIsTty: process.stdin.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: (name) => process.env[name],
    // Hand-written on purpose: `read` (npm's, 5.x) and `@inquirer/password` (5.0.x, the last for Node 20) both turn
    // echo off before the prompt shows and reject on Ctrl-C, but neither settles at end of input (readline's
    // 'close'), so there the process still exits 0 — the second bug recorded below.
    ask(question, hidden = false) {
      let muted = false;
      const output = new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (!muted) process.stderr.write(chunk);
          done();
        },
      });
      const rl = createInterface({ input: process.stdin, output, terminal: true });
      // Only now, with the terminal in raw mode and its own echo off, may the person start typing: a question shown
      // before would let a secret typed at once be echoed by the terminal (a pty test caught exactly that).
      process.stderr.write(question);
      muted = hidden;
      return new Promise((resolve, reject) => {
        let answered = false;
        // In raw mode Ctrl-C reaches readline, not the process: unhandled, the prompt waited for ever and Node
        // then exited 0 as if the command had succeeded.
        rl.on('SIGINT', () => rl.close());
        rl.on('close', () => {
          if (answered) return;
          process.stderr.write('\n');
          reject(new Interrupted('interrupted'));
        });
        rl.question('', (answer) => {
          answered = true;
          rl.close();
          if (hidden) process.stderr.write('\n');
          resolve(answer.trim());
        });
      });
    },
  };
}
