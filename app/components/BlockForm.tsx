import { Form } from "@remix-run/react";
import { formatDate } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { Notice } from "./Field";

export type BlockNotice = { hidden: { ideas: number; comments: number } } | { restored: { ideas: number; comments: number } };

/**
 * Admins on a person's profile: block them, and with it hide everything they wrote; or unblock
 * them, and put back what that hid. Without JavaScript: one form, one tick box.
 */
export function BlockForm({ blockedAt, notice, error }: { blockedAt: string | null; notice?: BlockNotice | null; error?: string }) {
  const t = useT();
  const locale = useLocale();
  const blocked = blockedAt !== null;
  const counts = notice ? ("hidden" in notice ? notice.hidden : notice.restored) : null;
  return (
    <section className="card stack" aria-labelledby="person-blocking">
      <h2 id="person-blocking">{t("people.blocking")}</h2>
      <p className="muted small">{blocked ? t("people.blockedSince", { date: formatDate(locale, blockedAt) }) : t("people.blockingHint")}</p>
      {notice && counts ? (
        <Notice kind="success">{t("hidden" in notice ? "people.contentHidden" : "people.contentRestored", { ideas: String(counts.ideas), comments: String(counts.comments) })}</Notice>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="block" />
        <input type="hidden" name="blocked" value={blocked ? "false" : "true"} />
        <div className="checkbox">
          <input type="checkbox" id="person-block-content" name={blocked ? "restoreContent" : "hideContent"} value="true" />
          <label htmlFor="person-block-content">{t(blocked ? "people.restoreContent" : "people.hideContent")}</label>
        </div>
        <div className="row">
          <button type="submit" className={blocked ? "button" : "button button--danger"}>
            {t(blocked ? "people.unblock" : "people.block")}
          </button>
        </div>
      </Form>
    </section>
  );
}
