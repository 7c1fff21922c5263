import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, pageApi, signUp, uniqueEmail } from "./helpers";

failOnConsoleErrors();

type Idea = { number: number; voteCount: number; votedByMe: boolean };

test("an integration votes through the JSON API with a personal token", async ({ page, playwright, baseURL }, testInfo) => {
  await signUp(page, "Integrator", uniqueEmail("api"));
  const created = await pageApi<{ idea: Idea }>(page, "POST", "/api/v1/ideas", {
    board: "feature-requests",
    title: `Voting by token ${testInfo.project.name}${Date.now().toString(36)}`,
    body: "Details",
  });
  expect(created.status).toBe(201);
  const { number } = created.json.idea;
  const votePath = `/api/v1/ideas/${number}/vote`;

  // The signed-in page withdraws the author's own vote (session cookie, same origin).
  expect(await pageApi(page, "DELETE", votePath)).toEqual({ status: 200, json: { voted: false, voteCount: 0 } });

  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("Integration");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim();
  expect(token).toBeTruthy();

  // A script elsewhere: no cookies, no browser headers, only the token.
  const client = await playwright.request.newContext({ baseURL });
  const bearer = { authorization: `Bearer ${token}` };
  try {
    for (const [method, voted, voteCount] of [["POST", true, 1], ["POST", true, 1], ["DELETE", false, 0], ["POST", true, 1]] as const) {
      const response = await client.fetch(votePath, { method, headers: bearer });
      expect(response.status(), method).toBe(200);
      expect(await response.json()).toEqual({ voted, voteCount });
      expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
      expect(response.headers()["content-security-policy"]).toContain("default-src 'self'");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    }
    const missing = await client.post("/api/v1/ideas/999999999/vote", { headers: bearer });
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    const wrongMethod = await client.get(votePath, { headers: bearer });
    expect(wrongMethod.status()).toBe(405);
    expect(wrongMethod.headers()["allow"]).toBe("POST, DELETE");
    const badToken = await client.post(votePath, { headers: { authorization: "Bearer lb_not_a_real_token" } });
    expect(badToken.status()).toBe(401);
    expect((await badToken.json()).error.code).toBe("invalid_token");
    // Without a token a cross-site POST carries no proof of where it came from: refused.
    const anonymous = await client.post(votePath);
    expect(anonymous.status()).toBe(403);
  } finally {
    await client.dispose();
  }

  const read = await pageApi<{ idea: Idea }>(page, "GET", `/api/v1/ideas/${number}`);
  expect(read.json.idea).toMatchObject({ voteCount: 1, votedByMe: true });
});
