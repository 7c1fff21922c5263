import { useT } from "../i18n/use-t";
import type { AttachmentLimits, AttachmentView } from "../shapes";

/**
 * The "Screenshots" file field of a post (the form must be multipart/form-data). A plain file
 * input: works without JavaScript; the browser offers only image types, the server decides.
 */
export function AttachmentField({ id, form, limits, error }: { id: string; form?: string; limits: AttachmentLimits; error?: string }) {
  const t = useT();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field attachment-field">
      <label htmlFor={id}>{t("attachments.field")}</label>
      <span id={`${id}-hint`} className="hint">
        {t("attachments.hint", { max: limits.maxMegabytes, count: limits.perPost })}
      </span>
      <input
        id={id}
        form={form}
        type="file"
        name="attachments"
        multiple
        accept="image/png,image/jpeg,image/webp,image/gif"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Thumbnails, each a link to the full-size image. */
export function AttachmentList({ items }: { items: readonly AttachmentView[] | undefined }) {
  const t = useT();
  if (!items || items.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t("attachments.list")}>
      {items.map((item, index) => (
        <li key={item.key}>
          <a href={item.url} className="attachments__link">
            <img
              src={item.thumbnailUrl}
              alt={t("attachments.thumbnail", { n: index + 1 })}
              loading="lazy"
              width={Math.min(160, Math.round((160 * item.width) / Math.max(item.width, item.height)))}
              height={Math.min(160, Math.round((160 * item.height) / Math.max(item.width, item.height)))}
            />
          </a>
        </li>
      ))}
    </ul>
  );
}
