import { describe, expect, it } from 'vitest';
import { randomOtherClass } from '../src/run/random-other-class.js';
import { selectJobs } from '../src/run/select-targets.js';
import type { Sample } from '../src/types.js';

const sample = (id: string, labels: number[]): Sample => ({ id, image: new Float32Array(3), width: 1, height: 1, labels, objects: [] });

describe('targets mode random-other (the random-logit check)', () => {
  it('adds one class the sample does not contain, the same for the same seed and sample', async () => {
    const samples = [sample('a', [2, 0]), sample('b', [1]), sample('c', [0, 1, 2, 3])];
    const jobs = await selectJobs(samples, { mode: 'random-other', k: 1 }, undefined, { seed: 5, classCount: 4 });
    const bySample = (id: string) => jobs.filter((j) => j.sample.id === id).map((j) => j.classIndex);
    const other = (id: string, labels: number[]) => bySample(id).filter((c) => !labels.includes(c));
    expect(other('a', [0, 2])).toHaveLength(1);
    expect(bySample('a')).toEqual([0, 2, other('a', [0, 2])[0]].sort((x, y) => x - y));
    expect(other('b', [1])).toHaveLength(1);
    // A sample holding every class has no other class to explain.
    expect(bySample('c')).toEqual([0, 1, 2, 3]);
    expect(randomOtherClass(5, 'a', [0, 2], 4)).toBe(other('a', [0, 2])[0]);
  });

  it('draws every other class about equally often over many samples, never a labelled one', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 9000; i++) counts[randomOtherClass(1, `s${i}`, [3], 10)!]++;
    expect(counts[3]).toBe(0);
    for (const [k, count] of counts.entries()) if (k !== 3) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });
});
