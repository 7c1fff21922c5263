import { auth } from "./en/auth";
import { board } from "./en/board";
import { common } from "./en/common";
import { loop } from "./en/loop";
import { roadmap } from "./en/roadmap";

/** The English catalog: the reference every other language is checked against. */
export const en = { ...common, ...auth, ...board, ...loop, ...roadmap } as const;
