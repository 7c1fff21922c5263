/** How much an idea matters to a voter, in order; shared by the form, the staff view and the schema. */
export const IMPORTANCE_LEVELS = ["nice_to_have", "important", "must_have"] as const;
export type ImportanceLevel = (typeof IMPORTANCE_LEVELS)[number];
