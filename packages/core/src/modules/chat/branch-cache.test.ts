import { describe, expect, it } from 'vitest';
import { BranchCache, type KnownBranch } from './branch-cache.ts';

const branch = (leafId: string, text: string): KnownBranch => ({
  leafId,
  history: [
    { role: 'user', content: text },
    { role: 'assistant', content: text },
  ],
  userId: 'u1',
  assistant: 'general',
  about: { id: 'c', context: null },
});

describe('BranchCache', () => {
  it('keeps the latest branch per conversation, and drops the least recent past its size', () => {
    // Each branch below: 2 × (50 characters + 32) + 64 = 228.
    const cache = new BranchCache(500);
    cache.remember('a', branch('a1', 'x'.repeat(50)));
    cache.remember('a', branch('a2', 'y'.repeat(50)));
    expect(cache.get('a')?.leafId).toBe('a2');
    cache.remember('b', branch('b1', 'z'.repeat(50)));
    cache.get('a'); // a is now the more recent
    cache.remember('c', branch('c1', 'w'.repeat(50)));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.leafId).toBe('a2');
    expect(cache.get('c')?.leafId).toBe('c1');
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not hold a branch larger than the whole cache', () => {
    const cache = new BranchCache(100);
    cache.remember('a', branch('a1', 'x'.repeat(200)));
    expect(cache.get('a')).toBeUndefined();
  });
});
