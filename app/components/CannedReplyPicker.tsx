import type { MouseEvent } from "react";
import { useT } from "../i18n/use-t";
import type { CannedReplyChoice } from "../shapes";

interface Props {
  /** The canned replies, already filled in for the idea (none: nothing is shown). */
  replies: CannedReplyChoice[];
  /** The box the reply goes into: the status note or the comment body. */
  target: "note" | "body";
  /** Unique on the page: the select's id. */
  id: string;
}

/**
 * "Insert a canned reply" for staff, inside the form whose box it fills. With JavaScript the
 * button puts the text into the box at once; without it, the button posts the form
 * (`insertReply`), and the page comes back with the text in the box and the rest as typed.
 */
export function CannedReplyPicker({ replies, target, id }: Props) {
  const t = useT();
  if (replies.length === 0) return null;
  const insert = (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    const box = form?.elements.namedItem(target);
    const select = form?.elements.namedItem("cannedReply");
    if (!(box instanceof HTMLTextAreaElement) || !(select instanceof HTMLSelectElement)) return;
    const reply = replies.find((r) => String(r.id) === select.value);
    if (!reply) return;
    event.preventDefault();
    box.value = box.value.trim() ? `${box.value.trimEnd()}\n\n${reply.text}` : reply.text;
    box.focus();
  };
  return (
    <div className="canned-replies">
      <div className="field">
        <label htmlFor={id}>{t("cannedReplies.pick")}</label>
        <select id={id} name="cannedReply">
          {replies.map((reply) => (
            <option key={reply.id} value={reply.id}>
              {reply.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" name="insertReply" value={target} className="button" onClick={insert} formNoValidate>
        {t("cannedReplies.insert")}
      </button>
    </div>
  );
}
