/**
 * Median wall time in ms of `runs` calls of `call`, after one untimed warm-up call (first-call
 * costs: session set-up, shader compilation, allocations).
 */
export async function medianMs(runs, call) {
  await call();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
