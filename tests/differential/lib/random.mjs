// A seeded PRNG (mulberry32) and helpers: the generator's only source of randomness.
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}

export const pick = (random, items) => items[Math.floor(random.next() * items.length)];

/** `choices` is a list of [weight, value]; a function value is called. */
export function weighted(random, choices) {
  const total = choices.reduce((sum, [w]) => sum + w, 0);
  let r = random.next() * total;
  for (const [w, value] of choices) {
    if ((r -= w) < 0) return typeof value === 'function' ? value() : value;
  }
  const last = choices[choices.length - 1][1];
  return typeof last === 'function' ? last() : last;
}

/** A random non-empty subset, in the original order. */
export function subset(random, items) {
  for (;;) {
    const chosen = items.filter(() => random.chance(0.5));
    if (chosen.length) return chosen;
  }
}
