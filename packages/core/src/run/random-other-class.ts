/**
 * The random-logit sanity check (Sixt, Granz, Landgraf, ICML 2020) explains, next to the labelled
 * classes, one class the sample does not contain. Drawn uniformly from the other classes with the
 * spec seed and the sample id, so every method, model and shard sees the same class.
 */
import { createRandom } from '../random.js';

export function randomOtherClass(seed: number, sampleId: string, labels: readonly number[], classCount: number): number | undefined {
  const others = Array.from({ length: classCount }, (_, k) => k).filter((k) => !labels.includes(k));
  if (others.length === 0) return undefined;
  return others[Math.floor(createRandom(seed, 'random-other', sampleId).uniform() * others.length)];
}
