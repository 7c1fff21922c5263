/** Screenshots attached to ideas and comments. */
export const attachments = {
  "attachments.field": "Screenshots",
  "attachments.hint": "Optional. PNG, JPEG, WebP or GIF, up to {max} MB each, {count} at most. Location and camera details are removed.",
  "attachments.list": "Screenshots",
  "attachments.thumbnail": "Screenshot {n}, full size",
  "attachments.error.tooLarge": "A screenshot can be at most {max} MB.",
  "attachments.error.tooMany": { one: "At most {max} screenshot.", other: "At most {max} screenshots." },
  "attachments.error.notImage": "“{name}” is not a PNG, JPEG, WebP or GIF image.",
  "attachments.error.none": "Choose at least one image to attach.",
} as const;
