import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { CreateSection } from "../components/CreateSection";
import { AdminNav } from "../components/AdminNav";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, Notice } from "../components/Field";
import { useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { formResult, parseFormRequest, type FormResult } from "../lib/forms.server";
import { forbidden } from "../lib/errors.server";
import { createBoard, listBoards, setBoardArchived, setBoardRequiresApproval, updateBoard } from "../models/boards.server";
import { canManageBoards } from "../permissions";
import { BoardForm } from "../schemas/boards";
import { titledMeta } from "../page-meta";

export const meta: MetaFunction = ({ matches }) => titledMeta(matches, "admin.boards.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  if (!canManageBoards(user)) throw forbidden();
  return json({ boards: await listBoards({ includeArchived: true }) });
}

const BoardAction = z.discriminatedUnion("intent", [
  BoardForm.extend({ intent: z.literal("create") }),
  BoardForm.extend({ intent: z.literal("update"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("archive"), id: z.coerce.number().int().positive(), archived: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("approval"), id: z.coerce.number().int().positive(), requiresApproval: z.enum(["true", "false"]) }),
]);

type Data = FormResult & { done?: "created" | "updated" };

/** Each board's form is named by the board's id; the new-board form is "new". */
const formName = (id?: number) => (id === undefined ? "new" : String(id));

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const parsed = await parseFormRequest(request, context, BoardAction);
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  try {
    if (input.intent === "create") await createBoard({ actor, ...input });
    else if (input.intent === "update") await updateBoard({ actor, ...input });
    else if (input.intent === "approval") await setBoardRequiresApproval({ actor, id: input.id, requiresApproval: input.requiresApproval });
    else await setBoardArchived({ actor, id: input.id, archived: input.archived === "true" });
  } catch (error) {
    // A taken slug (409) is shown on the form it came from.
    return formResult(error, parsed.raw, formName("id" in input ? input.id : undefined), parsed.locale);
  }
  return json<Data>({ done: input.intent === "create" ? "created" : "updated" });
}

export default function AdminBoards() {
  const t = useT();
  const { boards } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const errorsFor = (id?: number) => (result?.errors && result.form === formName(id) ? result.errors : undefined);
  return (
    <div className="stack">
      <AdminNav />
      <h1>{t("admin.boards.title")}</h1>
      {result?.done ? <Notice kind="success">{t(result.done === "created" ? "admin.boards.created" : "admin.boards.updated")}</Notice> : null}
      {boards.map((board) => (
        <section key={board.id} className="card" aria-labelledby={`board-${board.id}`}>
          <h2 id={`board-${board.id}`}>
            <bdi>{board.name}</bdi> {board.archivedAt ? <span className="muted small">({t("admin.boards.archived")})</span> : null}
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="id" value={board.id} />
            <Field id={`name-${board.id}`} label={t("admin.boards.name")} name="name" defaultValue={board.name} error={errorsFor(board.id)?.name} />
            <Field id={`slug-${board.id}`} label={t("admin.boards.slug")} name="slug" defaultValue={board.slug} error={errorsFor(board.id)?.slug} />
            <Field id={`description-${board.id}`} label={t("admin.boards.description")} name="description" defaultValue={board.description} />
            <div className="row">
              <button type="submit" className="button button--primary">
                {t("admin.boards.rename")}
              </button>
            </div>
          </Form>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="approval" />
            <input type="hidden" name="id" value={board.id} />
            <input type="hidden" name="requiresApproval" value={board.requiresApproval ? "false" : "true"} />
            <h3 id={`approval-${board.id}`}>{t("admin.boards.approval")}</h3>
            <p className="muted small">{t(board.requiresApproval ? "admin.boards.approvalOn" : "admin.boards.approvalOff")}</p>
            <div className="row">
              <button type="submit" className="button" aria-describedby={`board-${board.id}`}>
                {t(board.requiresApproval ? "admin.boards.stopApproval" : "admin.boards.requireApproval")}
              </button>
            </div>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="archive" />
            <input type="hidden" name="id" value={board.id} />
            <input type="hidden" name="archived" value={board.archivedAt ? "false" : "true"} />
            <button type="submit" className="button">
              {t(board.archivedAt ? "admin.boards.unarchive" : "admin.boards.archive")}
            </button>
          </Form>
        </section>
      ))}
      <CreateSection id="new-board" title={t("admin.boards.new")}>
        <Field id="new-name" label={t("admin.boards.name")} name="name" required error={errorsFor(undefined)?.name} />
        <Field id="new-slug" label={t("admin.boards.slug")} name="slug" required error={errorsFor(undefined)?.slug} />
        <Field id="new-description" label={t("admin.boards.description")} name="description" />
      </CreateSection>
    </div>
  );
}
