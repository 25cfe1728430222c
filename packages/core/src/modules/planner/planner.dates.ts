/**
 * Calendar dates as the planner speaks them: `YYYY-MM-DD` strings with no time zone, because a
 * plan for "Tuesday" belongs to the user's Tuesday wherever the server runs. Arithmetic is done
 * in UTC on purpose: it is calendar arithmetic, not clock arithmetic.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isMonday(date: string): boolean {
  return toUtc(date).getUTCDay() === 1;
}

/** The Monday of the ISO week holding `date`. */
export function weekStartOf(date: string): string {
  const dow = (toUtc(date).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

export function weekDates(weekStart: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (it loads the zone's
// ICU data), and every chat turn and planner read asks for today: one formatter per zone. Zones
// are validated IANA names, a bounded set.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date in an IANA zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (dayFormatters.size >= 1000) dayFormatters.clear();
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}
