import { Link } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import type { TagView } from "../shapes";
import { Notice } from "./Field";
import { withUserText } from "./with-nodes";

/**
 * An idea's tags as chips, each a link to the board filtered by it. Names are the admins' words in
 * any script (dir="auto"); a private tag, only ever given to staff, says it is staff-only.
 */
export function TagChips({ tags }: { tags: TagView[] }) {
  const t = useT();
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={t("tags.label")}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link to={`/?tag=${encodeURIComponent(tag.slug)}`} className={`tag tag--${tag.colour}`}>
            <span dir="auto">{tag.name}</span>
            {tag.private ? <span className="tag__private">{t("tags.privateMark")}</span> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The labelled "tag" field (all tags, or one) of the board's, roadmap's and inbox's filter forms. */
export function TagSelect({ id, tags, current }: { id: string; tags: TagView[]; current: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("tags.filter")}</label>
      <select id={id} name="tag" defaultValue={current} key={current}>
        <option value="">{t("tags.filter.all")}</option>
        {tags.map((tag) => (
          <option key={tag.slug} value={tag.slug} dir="auto">
            {tag.private ? t("tags.privateOption", { name: tag.name }) : tag.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What a list says for a `?tag=` that names no tag the reader may see (unknown and private alike). */
export function MissingTagNotice({ slug }: { slug: string }) {
  const t = useT();
  return <Notice kind="error">{withUserText(t("tags.missing"), { tag: slug })}</Notice>;
}
