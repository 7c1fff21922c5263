import { Form } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { Notice } from "./Field";

export type BlockNotice = { hidden: { ideas: number; comments: number } } | { restored: { ideas: number; comments: number } };

/** How many ideas and comments a block hid, or an unblock put back. */
export function BlockContentNotice({ notice }: { notice: BlockNotice }) {
  const t = useT();
  const counts = "hidden" in notice ? notice.hidden : notice.restored;
  return <Notice kind="success">{t("hidden" in notice ? "people.contentHidden" : "people.contentRestored", { ideas: String(counts.ideas), comments: String(counts.comments) })}</Notice>;
}

/**
 * The block or unblock button with its tick box: also hide everything they wrote, or put back
 * what the block hid (intent "block"). `personId` when the page is not the person's own (the
 * people list); `describedBy` names whom the controls are about there.
 */
export function BlockToggle({ blocked, personId, describedBy }: { blocked: boolean; personId?: number; describedBy?: string }) {
  const t = useT();
  const checkboxId = personId === undefined ? "person-block-content" : `person-${personId}-block-content`;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="block" />
      {personId !== undefined ? <input type="hidden" name="id" value={personId} /> : null}
      <input type="hidden" name="blocked" value={blocked ? "false" : "true"} />
      <div className="checkbox">
        <input type="checkbox" id={checkboxId} name={blocked ? "restoreContent" : "hideContent"} value="true" aria-describedby={describedBy} />
        <label htmlFor={checkboxId}>{t(blocked ? "people.restoreContent" : "people.hideContent")}</label>
      </div>
      <div className="row">
        <button type="submit" className={blocked ? "button" : "button button--danger"} aria-describedby={describedBy}>
          {t(blocked ? "people.unblock" : "people.block")}
        </button>
      </div>
    </Form>
  );
}

/**
 * Admins on a person's profile: block them, and with it hide everything they wrote; or unblock
 * them, and put back what that hid. Without JavaScript: one form, one tick box.
 */
export function BlockForm({ blockedAt, notice, error }: { blockedAt: string | null; notice?: BlockNotice | null; error?: string }) {
  const t = useT();
  const locale = useLocale();
  const blocked = blockedAt !== null;
  return (
    <section className="card stack" aria-labelledby="person-blocking">
      <h2 id="person-blocking">{t("people.blocking")}</h2>
      <p className="muted small">{blocked ? t("people.blockedSince", { date: formatDate(locale, blockedAt) }) : t("people.blockingHint")}</p>
      {notice ? <BlockContentNotice notice={notice} /> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <BlockToggle blocked={blocked} />
    </section>
  );
}
