import { cosineSimilarity, embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { createLocalEmbeddingModel, embedText } from './local-embedding.ts';

describe('local embedding model', () => {
  const model = createLocalEmbeddingModel();

  it('is deterministic, normalized and 384-dimensional', async () => {
    const { embedding } = await embed({ model, value: 'Plan a running week' });
    expect(embedding).toHaveLength(384);
    expect(embedding).toEqual(embedText('Plan a running week'));
    const norm = Math.sqrt(embedding.reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 6);
  });

  it('puts related texts closer than unrelated ones', async () => {
    const { embeddings } = await embedMany({
      model,
      values: [
        'Training plan for a half marathon',
        'Half-marathon training: weekly running plan',
        'Renaissance painting in Florence',
      ],
    });
    const [a, b, c] = embeddings as [number[], number[], number[]];
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c) + 0.2);
  });

  it('embeds empty text as the zero vector instead of failing', () => {
    expect(embedText('').every((v) => v === 0)).toBe(true);
  });
});
