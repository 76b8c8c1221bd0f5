import {
  changePasswordFormSchema,
  deleteAccountFormSchema,
} from '../../src/features/account/account-forms';
import { fieldMessages } from '../../src/lib/validation';

const messages = (result: { error?: Parameters<typeof fieldMessages>[0] }) =>
  result.error ? fieldMessages(result.error) : {};

describe('the change-password form', () => {
  const valid = {
    currentPassword: 'correct horse battery',
    newPassword: 'new staple battery',
    confirmPassword: 'new staple battery',
  };

  it('accepts a new password typed the same twice', () => {
    expect(changePasswordFormSchema.safeParse(valid).success).toBe(true);
  });

  it('names the field when the two new passwords differ', () => {
    expect(
      messages(
        changePasswordFormSchema.safeParse({ ...valid, confirmPassword: 'new staple batery' }),
      ),
    ).toEqual({ confirmPassword: 'The two new passwords do not match' });
  });

  it('applies the API’s password rules to the new password', () => {
    const result = changePasswordFormSchema.safeParse({
      ...valid,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(messages(result)).toEqual({ newPassword: 'Password must be at least 8 characters' });
  });

  it('asks for the current password', () => {
    const result = changePasswordFormSchema.safeParse({ ...valid, currentPassword: '' });
    expect(Object.keys(messages(result))).toEqual(['currentPassword']);
  });
});

describe('the delete-account form', () => {
  it('needs the password and the tick', () => {
    expect(
      deleteAccountFormSchema.safeParse({ password: 'correct horse battery', confirmed: true })
        .success,
    ).toBe(true);
    expect(
      messages(
        deleteAccountFormSchema.safeParse({ password: 'correct horse battery', confirmed: false }),
      ),
    ).toEqual({ confirmed: 'Tick this box to confirm' });
    expect(
      Object.keys(messages(deleteAccountFormSchema.safeParse({ password: '', confirmed: true }))),
    ).toEqual(['password']);
  });
});
