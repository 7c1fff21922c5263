import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/use-t";
import { listBoards } from "../models/boards.server";

export const meta: MetaFunction = () => [{ title: "Loopboard" }];

export async function loader(_args: LoaderFunctionArgs) {
  const boards = await listBoards();
  return json({ boards: boards.map((b) => ({ slug: b.slug, name: b.name, description: b.description })) });
}

export default function Board() {
  const t = useT();
  const { boards } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("app.tagline")}</h1>
      <ul className="stack">
        {boards.map((b) => (
          <li key={b.slug} className="card">
            <h2>{b.name}</h2>
            <p className="muted">{b.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
