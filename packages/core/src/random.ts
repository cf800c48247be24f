/**
 * Seeded randomness. Every stream is keyed by strings (spec seed, job key, method id) through
 * SHA-256, so a job's numbers never depend on which batch, order or shard computed it.
 */
import { createHash } from 'node:crypto';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { Random } from './types.js';

export function createRandom(...key: (string | number)[]): Random {
  const digest = createHash('sha256').update(key.map(String).join('\u0000')).digest();
  const state = [digest.readInt32LE(0), digest.readInt32LE(4), digest.readInt32LE(8), digest.readInt32LE(12)];
  const rng = xoroshiro128plusFromState(state);
  let spare: number | undefined;
  const uniform = () => uniformFloat64(rng);
  const normal = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // Box-Muller: 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return {
    uniform,
    normal,
    fillNormal(out, mean = 0, std = 1) {
      for (let i = 0; i < out.length; i++) out[i] = mean + std * normal();
      return out;
    },
  };
}
