import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { isoString, serializeOutput } from './wire-format.ts';

// The fast path must be indistinguishable from superjson: the same object, the same JSON text
// (key order included), and the same value back after superjson's own deserialize.
const sameAsSuperjson = (value: unknown) => {
  const ours = serializeOutput(value);
  const theirs = superjson.serialize(value);
  expect(ours).toStrictEqual(theirs);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
};

const date = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) });
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('a.b', 'a\\b', '.', '\\.', '', '0', '10', '__proto__', 'constructor', 'toString'),
);
/** Plain data, Dates, and the things superjson handles differently, mixed at any depth. */
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    date,
    fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 10n, new Date(Number.NaN)),
    fc.constantFrom(
      new Map([[1, 2]]),
      new Set([1]),
      /re/g,
      new Error('boom'),
      new URL('https://x.y'),
    ),
  ),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('serializeOutput', () => {
  it('answers what superjson answers, for anything', () => {
    fc.assert(
      fc.property(value, (v) => {
        let theirs: unknown;
        try {
          theirs = superjson.serialize(v);
        } catch (error) {
          expect(() => serializeOutput(v)).toThrow((error as Error).message);
          return;
        }
        expect(serializeOutput(v)).toStrictEqual(theirs);
        expect(JSON.stringify(serializeOutput(v))).toBe(JSON.stringify(theirs));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips procedure-shaped rows through superjson', () => {
    const row = fc.record({
      id: fc.uuid(),
      title: fc.string(),
      note: fc.option(fc.string(), { nil: null }),
      priority: fc.integer(),
      createdAt: date,
      tags: fc.array(fc.string()),
      nested: fc.record({ at: date, 'dotted.key': date }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        sameAsSuperjson(rows);
        // fast-check's records have no prototype; superjson gives plain objects back.
        expect(superjson.deserialize(serializeOutput(rows))).toEqual(rows);
      }),
    );
  });

  it('matches superjson at the edges it hands over or handles itself', () => {
    const shared = new Date(0);
    const holey: number[] = new Array(3);
    holey[0] = 1;
    holey[2] = 3;
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    for (const v of [
      new Date(5),
      [new Date(5)],
      { '': new Date(5) },
      { '': { a: new Date(5) } },
      { a: shared, b: shared },
      { a: holey },
      cycle,
      Object.create(null),
      Object.assign(Object.create(null), { at: new Date(1) }),
      { a: undefined },
      { toJSON: () => 'x' },
      new (class Point {
        x = 1;
      })(),
      'text',
      42,
      null,
    ])
      sameAsSuperjson(v);
  });
});

describe('isoString', () => {
  it('writes what toISOString writes, for any Date', () => {
    fc.assert(
      fc.property(date, (value) => {
        if (Number.isNaN(value.getTime())) {
          expect(() => isoString(value)).toThrow(RangeError);
          return;
        }
        expect(isoString(value)).toBe(value.toISOString());
      }),
      { numRuns: 5000 },
    );
    const edges = [
      '0000-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T09:05:07.045Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-12-31T23:59:59.999Z',
    ];
    for (const text of edges) expect(isoString(new Date(text))).toBe(text);
  });
});
