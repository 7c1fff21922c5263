/** Passwords: argon2id (m = 19456 KiB, t = 2, p = 1), the parameters OWASP recommends. */
import { hash as argonHash, verify as argonVerify } from "@node-rs/argon2";

const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON2);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so timing does not tell whether the account has a password.
    await argonHash(password, ARGON2);
    return false;
  }
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}
