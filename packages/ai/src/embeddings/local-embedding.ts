import type { EmbeddingModelV3 } from '@ai-sdk/provider';

export const LOCAL_EMBEDDING_DIMENSIONS = 384;

/**
 * A deterministic embedding that needs no network or weights: signed feature hashing of word
 * unigrams and bigrams and character trigrams, L2-normalized. Texts sharing words and word
 * pieces land close together, which is what semantic search needs to be useful offline.
 */
export function createLocalEmbeddingModel(
  dimensions: number = LOCAL_EMBEDDING_DIMENSIONS,
): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'local',
    modelId: `hashing-${dimensions}`,
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    async doEmbed({ values }) {
      const embeddings = values.map((text) => embedText(text, dimensions));
      const tokens = values.reduce((sum, text) => sum + wordsOf(text).length, 0);
      return { embeddings, usage: { tokens }, warnings: [] };
    },
  };
}

export function embedText(text: string, dimensions: number = LOCAL_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  const words = wordsOf(text);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    const index = hash % dimensions;
    // A second hash bit picks the sign, so collisions cancel out instead of piling up.
    const sign = (hash >>> 31) & 1 ? -1 : 1;
    vector[index] = (vector[index] ?? 0) + sign * weight;
  };
  words.forEach((word, i) => {
    add(`w:${word}`, 1);
    const next = words[i + 1];
    if (next) add(`b:${word} ${next}`, 0.7);
    const padded = `#${word}#`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.35);
  });
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a: tiny, stable across runs and platforms. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
