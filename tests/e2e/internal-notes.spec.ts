/**
 * The staff desk on an idea: an admin keeps a canned reply, staff insert it and write an internal
 * note, preview the status email and change the status from the preview. The member who posted
 * the idea, and a signed-out visitor, never see the note (page or API). Axe on every page seen,
 * at both widths.
 */
import { expect, test } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, pageApi, signUp, uniqueEmail, watchedPage } from "./helpers";

const watchConsole = failOnConsoleErrors();

test("staff write an internal note that members and visitors never see; canned replies and the email preview", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  const tag = `${project}${Date.now().toString(36)}`;
  const title = `Offline mode ${tag}`;
  const marker = `Acme wants 40 seats ${tag}`;
  const memberName = `Mia ${tag}`;

  // ------------------------------------------------------------ a member posts an idea
  await signUp(page, memberName, uniqueEmail("notes-member"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(page.url()).pathname;
  const number = Number(/^\/ideas\/(\d+)/.exec(ideaPath)![1]);
  // Members are offered neither the internal choice nor canned replies.
  await expect(page.getByLabel("Internal note (staff only)")).toHaveCount(0);

  // ------------------------------------------------------------ an admin keeps a canned reply
  const staff = await watchedPage(browser, watchConsole);
  await signUp(staff, `Sam ${tag}`, `notes-admin-${project}@example.test`);
  await staff.goto("/admin/replies");
  await expect(staff.getByRole("heading", { level: 1, name: "Canned replies" })).toBeVisible();
  const replyName = `Logged ${tag}`;
  const newReply = staff.getByRole("region", { name: "New canned reply" });
  await newReply.getByLabel("Name").fill(replyName);
  await newReply.getByLabel("Text").fill("Thanks {autor}!");
  await newReply.getByRole("button", { name: "Create" }).click();
  await expect(newReply.getByText("Unknown placeholder {autor}.", { exact: false })).toBeVisible();
  await expectNoA11yViolations(staff);
  await newReply.getByLabel("Text").fill("Thanks {author}, we logged “{title}”.");
  await newReply.getByRole("button", { name: "Create" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Canned reply created." })).toBeVisible();
  await expect(staff.getByRole("heading", { level: 2, name: replyName })).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ staff insert it and write an internal note
  await staff.goto(ideaPath);
  const comments = staff.getByRole("region", { name: /^Comments/ });
  await comments.getByLabel("Canned reply").selectOption({ label: replyName });
  await comments.getByRole("button", { name: "Insert" }).click();
  await expect(comments.getByLabel("Add a comment")).toHaveValue(`Thanks ${memberName}, we logged “${title}”.`);
  await comments.getByLabel("Add a comment").fill(marker);
  await comments.getByLabel("Internal note (staff only)").check();
  await comments.getByRole("button", { name: "Comment", exact: true }).click();
  const note = staff.getByRole("article").filter({ hasText: marker });
  await expect(note).toBeVisible();
  await expect(note.getByText("Internal note · staff only")).toBeVisible();
  await expectNoA11yViolations(staff);

  // ------------------------------------------------------------ the email preview, then the change itself
  const form = staff.getByRole("region", { name: "Change the status" });
  await form.getByLabel("New status").selectOption("planned");
  await form.getByLabel("Public note").fill("Coming in **March**.");
  await form.getByRole("button", { name: "Preview the email" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Email preview: “${title}”` })).toBeVisible();
  await expect(staff.getByText("Coming in March.", { exact: false }).first()).toBeVisible();
  await expect(staff.getByText(marker)).toHaveCount(0);
  await expectNoA11yViolations(staff);
  await staff.getByRole("button", { name: "Change status" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(staff.locator(".idea-meta .status")).toHaveText("Planned");

  // ------------------------------------------------------------ the member never sees the note
  await page.reload();
  await expect(page.locator(".idea-meta .status")).toHaveText("Planned");
  await expect(page.getByText(marker)).toHaveCount(0);
  await expect(page.getByText("Internal note · staff only")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "Comments (0)" })).toBeVisible();
  await expectNoA11yViolations(page);
  const api = await pageApi<unknown>(page, "GET", `/api/v1/ideas/${number}`);
  expect(api.status).toBe(200);
  expect(JSON.stringify(api.json)).not.toContain(marker);
  const refused = await pageApi<{ error: { code: string } }>(page, "POST", `/api/v1/ideas/${number}/comments`, { body: "sneaky", internal: true });
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe("forbidden");
  expect((await page.request.get(`/ideas/${number}/status-preview?status=shipped`)).status()).toBe(403);

  // ------------------------------------------------------------ nor does a signed-out visitor
  const visitor = await watchedPage(browser, watchConsole);
  await visitor.goto(ideaPath);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText(marker)).toHaveCount(0);
  await expectNoA11yViolations(visitor);
  await visitor.context().close();
  await staff.context().close();
});
