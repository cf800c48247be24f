/** Per-channel normalisation of CHW images, and min-max scaling of maps. */

function checkStats(chw: Float32Array, mean: readonly number[], std: readonly number[], what: string): number {
  const channels = mean.length;
  if (channels === 0 || std.length !== channels) {
    throw new Error(`${what}: mean and std must have the same non-zero length, got ${mean.length} and ${std.length}`);
  }
  if (chw.length % channels !== 0) {
    throw new Error(`${what}: ${chw.length} values do not split into ${channels} channels`);
  }
  if (std.some((s) => !(s > 0))) throw new Error(`${what}: every std must be > 0, got [${std.join(', ')}]`);
  return chw.length / channels;
}

/** x_model = (x - mean[c]) / std[c]; one channel per entry of mean. */
export function normalize(chw: Float32Array, mean: readonly number[], std: readonly number[]): Float32Array {
  const plane = checkStats(chw, mean, std, 'normalize');
  const out = new Float32Array(chw.length);
  for (let c = 0; c < mean.length; c++) {
    const m = mean[c];
    const inv = 1 / std[c];
    for (let i = c * plane, end = i + plane; i < end; i++) out[i] = (chw[i] - m) * inv;
  }
  return out;
}

/** The inverse of normalize: x = x_model * std[c] + mean[c]. */
export function denormalize(chw: Float32Array, mean: readonly number[], std: readonly number[]): Float32Array {
  const plane = checkStats(chw, mean, std, 'denormalize');
  const out = new Float32Array(chw.length);
  for (let c = 0; c < mean.length; c++) {
    const m = mean[c];
    const s = std[c];
    for (let i = c * plane, end = i + plane; i < end; i++) out[i] = chw[i] * s + m;
  }
  return out;
}

/** (map - min) / (max - min); a constant map becomes all zeros (no energy, no NaN). */
export function minMaxNormalize(map: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    const v = map[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(map.length);
  const range = max - min;
  if (!(range > 0)) return out;
  const inv = 1 / range;
  for (let i = 0; i < map.length; i++) out[i] = (map[i] - min) * inv;
  return out;
}
