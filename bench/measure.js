// What every benchmark measures with: timing, medians, and the line printed against a target.
// Benchmarks print; they never assert (tests hold no timings).

/** Runs `fn` once: [milliseconds, its value]. */
export const time = (fn) => {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
};

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Prints one line, "ok" or "MISS", with the measured value against its target and the share of
 * the budget used; pushes whether it was met onto `results`. `measured` and `target` are
 * `{ value, text }`, so a line can be in seconds, milliseconds or a rate.
 */
export function reportAgainstBudget(results, name, measured, target, extra = '', width = 38) {
  const ok = measured.value <= target.value;
  results.push(ok);
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${name.padEnd(width)} ${measured.text.padStart(10)}  target ${target.text.padEnd(9)} (${(measured.value / target.value).toFixed(2)} of budget)${extra ? `  ${extra}` : ''}`,
  );
}
