import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n/use-t";

interface Props {
  /** The heading's id, which names the section. */
  id: string;
  title: string;
  /** Changes after each creation (the list's length), so the form starts empty again. */
  formKey?: number;
  className?: string;
  /** The page's own fields. */
  children: ReactNode;
}

/** An admin list's "add one" card: its heading, and a form posting `intent=create` with the page's fields. */
export function CreateSection({
  id,
  title,
  formKey,
  className,
  children,
}: Props) {
  const t = useT();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Form method="post" noValidate className={className} key={formKey}>
        <input type="hidden" name="intent" value="create" />
        {children}
        <button type="submit" className="button button--primary">
          {t("common.create")}
        </button>
      </Form>
    </section>
  );
}
