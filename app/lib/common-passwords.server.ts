/**
 * The 1,000 most common passwords, from the frequency-ranked list zxcvbn-ts ships. Compared
 * exactly as typed, like every password.
 */
import { dictionary } from "@zxcvbn-ts/language-common";

const COMMON = new Set<string>((dictionary.passwords as string[]).slice(0, 1000));

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password);
}
