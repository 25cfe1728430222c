import { z } from 'zod';

function isIanaTimeZone(value: string): boolean {
  // Offsets such as "+05:00" are accepted by newer ICU builds but are not zones: a zone carries
  // daylight-saving rules, which scheduling needs.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, { message: 'Must be an IANA time zone such as Europe/Paris' });

export const ZUuid = z.uuid({ message: 'Must be a valid id' });
