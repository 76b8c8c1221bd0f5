import { z } from 'zod';
import { changePasswordSchema, deleteAccountSchema } from '@todo/api-contracts';

/** The change-password form: the API's body plus the new password typed again, which must match. */
export const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string() })
  .refine((form) => form.confirmPassword === form.newPassword, {
    path: ['confirmPassword'],
    error: 'The two new passwords do not match',
  });

/** The delete-account form: the API's body plus an explicit “I understand” tick. */
export const deleteAccountFormSchema = deleteAccountSchema.extend({
  confirmed: z.literal(true, { error: 'Tick this box to confirm' }),
});
