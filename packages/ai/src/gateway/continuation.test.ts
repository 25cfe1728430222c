import { describe, expect, it } from 'vitest';
import { ContinuationJoiner } from './continuation.ts';

const join = (partial: string, deltas: string[]) => {
  const joiner = new ContinuationJoiner(partial);
  return partial + deltas.map((d) => joiner.push(d)).join('') + joiner.flush();
};

describe('ContinuationJoiner', () => {
  it('passes a clean continuation through', () => {
    expect(join('Hello from', [' the', ' fake', ' provider.'])).toBe(
      'Hello from the fake provider.',
    );
  });

  it('cuts a continuation that repeats the end of the partial text', () => {
    expect(join('Plan your week: first, list', [' first, list', ' what must happen.'])).toBe(
      'Plan your week: first, list what must happen.',
    );
  });

  it('cuts a continuation that starts the whole reply over', () => {
    expect(join('Hello from', ['Hello', ' from', ' the fake provider.'])).toBe(
      'Hello from the fake provider.',
    );
  });

  it('flushes a short continuation that ends before the lookahead', () => {
    expect(join('Done', ['.'])).toBe('Done.');
  });
});
