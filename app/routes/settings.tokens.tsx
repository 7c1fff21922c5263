import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, Notice } from "../components/Field";
import { formatDate } from "../i18n/format";
import { useLocale, useT } from "../i18n/use-t";
import { requireUser } from "../lib/auth.server";
import { parseFormRequest, type FormResult } from "../lib/forms.server";
import { badRequest } from "../lib/errors.server";
import { createApiToken, listApiTokens, revokeApiToken } from "../models/api-tokens.server";
import { ApiTokenForm } from "../schemas/auth";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireUser(request, context);
  return json({ tokens: await listApiTokens({ actor }) });
}

const TokenAction = z.discriminatedUnion("intent", [
  ApiTokenForm.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("revoke"), id: z.coerce.number().int().positive() }),
]);

type Data = FormResult & { token?: string; revoked?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(request, context);
  const parsed = await parseFormRequest(request, context, TokenAction);
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  if (input.intent === "create") {
    const { token } = await createApiToken({ actor, name: input.name });
    return json<Data>({ token });
  }
  if (input.intent === "revoke") {
    await revokeApiToken({ actor, id: input.id });
    return json<Data>({ revoked: true });
  }
  throw badRequest();
}

export default function Tokens() {
  const t = useT();
  const locale = useLocale();
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Data | undefined;
  const date = (iso: string) => formatDate(locale, iso);
  return (
    <section className="card stack" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t("settings.tokens.title")}</h2>
      <p className="muted">{t("settings.tokens.intro")}</p>
      {result?.token ? (
        <Notice kind="success">
          <p>{t("settings.tokens.created")}</p>
          <code className="token-value" data-testid="new-token">
            {result.token}
          </code>
        </Notice>
      ) : null}
      {result?.revoked ? <Notice kind="success">{t("settings.tokens.revoked")}</Notice> : null}
      {tokens.length === 0 ? (
        <p>{t("settings.tokens.none")}</p>
      ) : (
        <ul className="stack">
          {tokens.map((token) => (
            <li key={token.id} className="row">
              <strong dir="auto">{token.name}</strong>
              <span className="muted small">{t("settings.tokens.createdAt", { date: date(token.createdAt) })}</span>
              <span className="muted small">
                {t("settings.tokens.lastUsed", { date: token.lastUsedAt ? date(token.lastUsedAt) : t("common.never") })}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={token.id} />
                <button type="submit" className="button button--danger" aria-label={t("settings.tokens.revokeNamed", { name: token.name })}>
                  {t("settings.tokens.revoke")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("settings.tokens.name")} name="name" required maxLength={60} error={result?.errors?.name} />
        <button type="submit" className="button button--primary">
          {t("settings.tokens.create")}
        </button>
      </Form>
    </section>
  );
}
