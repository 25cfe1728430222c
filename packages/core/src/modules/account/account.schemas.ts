import { z } from 'zod';
import { ZTimeZone } from '../../shared/schemas.ts';

export const ZAccountResponseSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  timezone: z.string(),
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
  })
  .refine((v) => v.displayName !== undefined || v.timezone !== undefined, {
    message: 'Nothing to update',
  });
export type TUpdateProfileRequest = z.infer<typeof ZUpdateProfileRequestSchema>;
