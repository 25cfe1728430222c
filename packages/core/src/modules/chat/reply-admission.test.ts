import { afterEach, describe, expect, it } from 'vitest';
import { ReplyAdmission } from './reply-admission.ts';

let admission: ReplyAdmission | undefined;
afterEach(() => admission?.close());

/** `count` replies that run until `finish` is called. */
function replies(on: ReplyAdmission, count: number) {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const started: number[] = [];
  const all = Array.from({ length: count }, (_, i) =>
    on.run(async () => {
      started.push(i);
      await done;
    }),
  );
  return { started, finish: () => finish(), all };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reply admission', () => {
  it('admits fewer while the loop is busy and more once it is idle, within its bounds', async () => {
    let busy = 0.95;
    admission = new ReplyAdmission({ max: 256, min: 16, utilization: () => busy });
    const load = replies(admission, 400);
    await settle();
    expect(admission.load()).toEqual({ active: 64, waiting: 336, limit: 64 });

    admission.adjust();
    expect(admission.load().limit).toBe(42);
    for (let i = 0; i < 10; i++) admission.adjust();
    expect(admission.load().limit).toBe(16);

    // Running replies are not stopped; the next ones start once the loop has room.
    expect(admission.load().active).toBe(64);
    busy = 0.5;
    admission.adjust();
    // Still 64 running over a limit of 20: nothing more starts until they are under it.
    await settle();
    expect(admission.load()).toMatchObject({ active: 64, waiting: 336, limit: 20 });
    load.finish();
    await Promise.all(load.all);
    expect(admission.load()).toEqual({ active: 0, waiting: 0, limit: 20 });
  });

  it('opens up while replies wait and the loop is idle, up to max, and holds in between', async () => {
    let busy = 0.3;
    admission = new ReplyAdmission({ max: 100, min: 8, utilization: () => busy });
    const load = replies(admission, 300);
    await settle();
    expect(admission.load().limit).toBe(64);
    admission.adjust();
    await settle();
    expect(admission.load()).toMatchObject({ active: 80, limit: 80 });
    admission.adjust();
    admission.adjust();
    await settle();
    expect(admission.load()).toMatchObject({ active: 100, limit: 100 });
    // Neither busy nor idle: the limit stays.
    busy = 0.8;
    admission.adjust();
    expect(admission.load().limit).toBe(100);
    load.finish();
    await Promise.all(load.all);
    // Admitted in the order asked.
    expect(load.started).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('does not open up while nothing waits', async () => {
    admission = new ReplyAdmission({ max: 256, utilization: () => 0 });
    const load = replies(admission, 10);
    await settle();
    admission.adjust();
    expect(admission.load()).toEqual({ active: 10, waiting: 0, limit: 64 });
    load.finish();
    await Promise.all(load.all);
  });

  it('never goes below one nor above max, even when max is below the default start', async () => {
    admission = new ReplyAdmission({ max: 1, utilization: () => 1 });
    const load = replies(admission, 3);
    await settle();
    admission.adjust();
    expect(admission.load()).toEqual({ active: 1, waiting: 2, limit: 1 });
    load.finish();
    await Promise.all(load.all);
  });
});
