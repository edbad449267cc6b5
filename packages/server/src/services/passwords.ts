import { randomInt } from "node:crypto";
import { hash, verify, type Options } from "@node-rs/argon2";
import { ensure } from "./validation.ts";

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1).
// `Algorithm` is an ambient const enum (unusable under isolatedModules); 2 is Argon2id.
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
// A valid hash of a random password: verifying against it makes unknown users cost as much as known ones.
let dummyHash: Promise<string> | null = null;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Verifies a password; a null hash (no password set) is compared against a dummy so timing does not leak. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash(`dummy-${Math.random()}`, OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Enforces the password policy: 8–128 characters with letters and digits. */
export function ensurePasswordPolicy(password: string): void {
  ensure(typeof password === "string" && password.length >= 8 && password.length <= 128, "密码长度应为 8–128 位");
  ensure(/[A-Za-z]/.test(password) && /\d/.test(password), "密码须同时包含字母和数字");
}

// Letters and digits without look-alikes (0/O, 1/l/I), so a password read out over the phone survives.
const LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";

/** A random 12-character temporary password that meets the policy (letters and digits). */
export function generateTemporaryPassword(): string {
  const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)];
  const chars = [pick(LETTERS), pick(DIGITS), ...Array.from({ length: 10 }, () => pick(LETTERS + DIGITS))];
  // Shuffle so the guaranteed letter and digit are not always first.
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
