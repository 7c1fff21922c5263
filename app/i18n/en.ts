import { auth } from "./en/auth";
import { common } from "./en/common";

/** The English catalog: the reference every other language is checked against. */
export const en = { ...common, ...auth } as const;
