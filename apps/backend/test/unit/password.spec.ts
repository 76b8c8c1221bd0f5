import { dummyPasswordHash, hashPassword, verifyPassword } from '../../src/lib/password';

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('treats Unicode look-alikes in normalised form as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 latte');
    expect(await verifyPassword('cafe\u0301 latte', hash)).toBe(true);
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
  });

  it('keeps one dummy hash for unknown accounts', async () => {
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
  });
});
