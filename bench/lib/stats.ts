export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Quantile of sorted values, linear between ranks. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A Prometheus histogram's cumulative bucket counts (`le` → count), `+Inf` as Infinity. */
export type Buckets = Map<number, number>;

/**
 * The `q` quantile of what a histogram observed between two scrapes, interpolated linearly inside
 * its bucket as Prometheus's `histogram_quantile` does.
 */
export function histogramQuantile(before: Buckets, after: Buckets, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    const count = counts[i] as number;
    if (count < rank) continue;
    const upper = bounds[i] as number;
    const lower = i === 0 ? 0 : (bounds[i - 1] as number);
    const below = i === 0 ? 0 : (counts[i - 1] as number);
    // Past the last finite bound there is nothing to interpolate to.
    if (!Number.isFinite(upper)) return lower;
    return lower + ((upper - lower) * (rank - below)) / Math.max(1, count - below);
  }
  return bounds.at(-2) ?? Number.NaN;
}
