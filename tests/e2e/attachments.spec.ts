import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoA11yViolations, failOnConsoleErrors, signUp, uniqueEmail } from "./helpers";

/** Console errors fail every test here (see failOnConsoleErrors). */
failOnConsoleErrors();

async function screenshot(name: string, colour: string) {
  const buffer = await sharp({ create: { width: 640, height: 400, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return { name, mimeType: "image/png", buffer };
}

/** The thumbnail has loaded (a broken image has no natural width). */
async function expectLoaded(page: Page, link: ReturnType<Page["getByRole"]>) {
  await expect(link.locator("img")).toBeVisible();
  await expect.poll(() => link.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

test("attach screenshots to an idea, a comment and a reply: thumbnails that open full size", async ({ page }, testInfo) => {
  const tag = `${testInfo.project.name}${Date.now().toString(36)}`;
  await signUp(page, `Shooter ${tag}`, uniqueEmail("shots"));

  // ------------------------------------------------------------ an idea with a screenshot
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`The export button is hidden ${tag}`);
  await page.getByLabel("Details").fill("It sits under the footer.");
  // Not an image, whatever its name says: refused on the field, nothing posted, the text kept.
  await page.getByLabel("Screenshots").setInputFiles({ name: "shot.png", mimeType: "image/png", buffer: Buffer.from("<html>not an image</html>") });
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByText("“shot.png” is not a PNG, JPEG, WebP or GIF image.")).toBeVisible();
  await expect(page.getByLabel("Screenshots")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(`The export button is hidden ${tag}`);
  await expectNoA11yViolations(page);

  await page.getByLabel("Screenshots").setInputFiles(await screenshot("export.png", "#2255aa"));
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `The export button is hidden ${tag}` })).toBeVisible();
  const ideaShots = page.getByRole("article").first().getByRole("list", { name: "Screenshots" });
  const thumbnail = ideaShots.getByRole("link", { name: "Screenshot 1, full size" });
  await expectLoaded(page, thumbnail);
  await expectNoA11yViolations(page);
  const ideaUrl = page.url();
  const fullSize = await thumbnail.getAttribute("href");
  expect(fullSize).toMatch(/^\/attachments\/[0-9a-f]{32}$/);

  // The thumbnail opens the full-size image: an image, and nothing else.
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(fullSize!)), thumbnail.click()]);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-disposition"]).toMatch(/^inline; filename="screenshot-/);
  expect(response.headers()["content-security-policy"]).toMatch(/^default-src 'none'; img-src 'self';/);
  const full = await sharp(await response.body()).metadata();
  expect(full).toMatchObject({ format: "png", width: 640, height: 400 });
  await page.goto(ideaUrl);

  // ------------------------------------------------------------ a comment with a screenshot, and one shown in its text
  const commentForm = page.locator("form.comment-form").last();
  await commentForm.getByLabel("Add a comment").fill(`Same here, see below. And the first one: ![the hidden button](${fullSize})`);
  await commentForm.getByLabel("Screenshots").setInputFiles(await screenshot("mine.png", "#aa3322"));
  await commentForm.getByRole("button", { name: "Comment" }).click();
  const comment = page.locator("article.comment", { hasText: "Same here" });
  await expect(comment).toBeVisible();
  const commentShot = comment.getByRole("list", { name: "Screenshots" }).getByRole("link", { name: "Screenshot 1, full size" });
  await expectLoaded(page, commentShot);
  // The markdown image renders as an image (the site's own attachment), not as a link.
  const inline = comment.locator(".markdown img");
  await expect(inline).toHaveAttribute("alt", "the hidden button");
  await expect.poll(() => inline.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  await expectNoA11yViolations(page);

  // ------------------------------------------------------------ a reply takes screenshots too
  // (the reply sits inside the comment's article, so the comment's own link is kept by its address)
  const commentShotHref = await commentShot.getAttribute("href");
  const reply = comment.locator("details.reply");
  await reply.locator("summary").click();
  await reply.getByLabel(/^Reply to /).fill("A reply with a screenshot of its own");
  await reply.getByLabel("Screenshots").setInputFiles(await screenshot("reply.png", "#3355aa"));
  await reply.getByRole("button", { name: "Post reply" }).click();
  const posted = page.locator("article.comment", { hasText: "A reply with a screenshot of its own" }).last();
  await expect(posted).toBeVisible();
  await expectLoaded(page, posted.getByRole("list", { name: "Screenshots" }).getByRole("link", { name: "Screenshot 1, full size" }));
  await expectNoA11yViolations(page);

  await page.locator(`a[href="${commentShotHref}"]`).click();
  await expect(page).toHaveURL(/\/attachments\/[0-9a-f]{32}$/);
});

test("a screenshot can be attached without JavaScript", async ({ browser }, testInfo) => {
  const tag = `${testInfo.project.name}${Date.now().toString(36)}nojs`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUp(page, `Plain ${tag}`, uniqueEmail("shots-nojs"));
  await page.goto("/ideas/new");
  await page.getByLabel("Title").fill(`Plain form upload ${tag}`);
  await page.getByLabel("Screenshots").setInputFiles(await screenshot("plain.png", "#22aa55"));
  await page.getByRole("button", { name: "Post idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Plain form upload ${tag}` })).toBeVisible();
  await expectLoaded(page, page.getByRole("list", { name: "Screenshots" }).getByRole("link", { name: "Screenshot 1, full size" }));
  await context.close();
});
