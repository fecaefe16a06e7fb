import type { Rng } from './prng';

/** A public-looking IPv4 address (first octet avoids private and reserved ranges). */
export function randomIp(rng: Rng): string {
  return `${rng.pick([177, 179, 186, 187, 189, 191, 200, 201])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function hexToken(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += '0123456789abcdef'[rng.int(0, 15)];
  return s;
}
