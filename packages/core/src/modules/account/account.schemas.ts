import { z } from 'zod';
import { ZTimeZone } from '../../shared/schemas.ts';

export const ZAccountResponseSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  timezone: z.string(),
  dailyCapacityMinutes: z.number().int(),
  createdAt: z.date(),
});
export type TAccountResponse = z.infer<typeof ZAccountResponseSchema>;

export const ZUpdateProfileRequestSchema = z
  .strictObject({
    displayName: z
      .string()
      .trim()
      .min(1, { message: 'Display name cannot be empty' })
      .max(80, { message: 'Display name is at most 80 characters' })
      .optional(),
    timezone: ZTimeZone.optional(),
    /** How many minutes of planned work fit in a day; the planner flags days beyond it. */
    dailyCapacityMinutes: z
      .number()
      .int({ message: 'Capacity is whole minutes' })
      .min(30, { message: 'Capacity is at least 30 minutes' })
      .max(1440, { message: 'Capacity is at most 1440 minutes' })
      .optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: 'Nothing to update',
  });
export type TUpdateProfileRequest = z.infer<typeof ZUpdateProfileRequestSchema>;
