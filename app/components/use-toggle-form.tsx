import type { FormEvent } from "react";
import { useFetcher, useLocation } from "@remix-run/react";

/**
 * A toggle (vote, follow) that works twice over: without JavaScript it is a plain form that posts
 * and is redirected back here; with JavaScript the submit is taken over by a fetcher (marked
 * `via=fetcher` so the action answers JSON) and the state flips before the server answers.
 * Returns the state to show, the form's props, its hidden fields and a refusal to show.
 */
export function useToggleForm<Result extends { error?: string }>(
  action: string,
  intents: { on: string; off: string },
  current: boolean,
  options: { optimistic?: boolean } = {},
) {
  const location = useLocation();
  const fetcher = useFetcher<Result>();
  const pending = options.optimistic === false ? null : fetcher.formData?.get("intent");
  const on = pending ? pending === intents.on : current;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("via", "fetcher");
    fetcher.submit(form, { method: "post", action });
  }

  const fields = (
    <>
      <input type="hidden" name="intent" value={on ? intents.off : intents.on} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
    </>
  );
  return {
    on,
    formProps: { method: "post" as const, action, onSubmit },
    fields,
    error: fetcher.state === "idle" ? fetcher.data?.error : undefined,
  };
}
