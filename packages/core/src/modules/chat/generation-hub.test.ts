import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GenerationHub } from './generation-hub.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GenerationHub', () => {
  it('replays missed chunks, then follows live ones to the end', async () => {
    const hub = new GenerationHub();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done = hub.start('m1', async (emit) => {
      emit({ type: 'start' });
      emit({ type: 'text-delta', id: 't', delta: 'a' });
      await gate;
      emit({ type: 'text-delta', id: 't', delta: 'b' });
    });
    const seen: number[] = [];
    const following = (async () => {
      for await (const { seq } of hub.follow('m1', 0)) seen.push(seq);
    })();
    await tick();
    release();
    await Promise.all([done, following]);
    expect(seen).toEqual([1, 2]);
  });

  it('knows who a generation is for while it can be followed here', async () => {
    const hub = new GenerationHub(10);
    const done = hub.start('m4', async () => {}, 'user-a');
    expect(hub.ownerOf('m4')).toBe('user-a');
    expect(hub.ownerOf('unknown')).toBeUndefined();
    await done;
    expect(hub.ownerOf('m4')).toBe('user-a'); // still replayable for a while
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(hub.ownerOf('m4')).toBeUndefined();
  });

  it('keeps one abort listener on the follower’s signal however many chunks it waits for', async () => {
    const hub = new GenerationHub();
    const request = new AbortController();
    const listeners: number[] = [];
    const done = hub.start('m2', async (emit) => {
      for (let i = 0; i < 50; i++) {
        await tick();
        emit({ type: 'text-delta', id: 't', delta: String(i) });
        listeners.push(getEventListeners(request.signal, 'abort').length);
      }
    });
    let chunks = 0;
    for await (const _ of hub.follow('m2', -1, request.signal)) chunks += 1;
    await done;
    expect(chunks).toBe(50);
    expect(Math.max(...listeners)).toBe(1);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('ends a follow when its signal aborts, while the generation goes on', async () => {
    const hub = new GenerationHub();
    const request = new AbortController();
    let stop = () => {};
    const done = hub.start('m3', async (emit, signal) => {
      emit({ type: 'start' });
      await new Promise<void>((resolve) => {
        stop = resolve;
        signal.addEventListener('abort', () => resolve());
      });
    });
    const following = (async () => {
      const seqs: number[] = [];
      for await (const { seq } of hub.follow('m3', -1, request.signal)) seqs.push(seq);
      return seqs;
    })();
    await tick();
    request.abort();
    expect(await following).toEqual([0]);
    expect(hub.isRunning('m3')).toBe(true);
    stop();
    await done;
  });
});
