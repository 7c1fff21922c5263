/**
 * Staff basics: the admin pages share a navigation, every text-like control has the one style
 * (inputs without a type included) and read-only fields look read-only, and a board's
 * description shows on the board.
 */
import { expect, test, type Locator } from "@playwright/test";
import { expectNoA11yViolations, failOnConsoleErrors, signUp } from "./helpers";

failOnConsoleErrors();
test.describe.configure({ timeout: 120_000 });

/** The parts of a control's look that the shared style sets. */
async function lookOf(control: Locator) {
  return control.evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: `${s.borderTopWidth} ${s.borderTopColor}`, radius: s.borderTopLeftRadius, padding: `${s.paddingTop} ${s.paddingInlineStart}`, height: el.getBoundingClientRect().height >= 44, font: s.fontSize };
  });
}

test("admin pages share a navigation, controls share one style, read-only looks read-only, boards show their description", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const slug = `staff-${project}-${Date.now().toString(36)}`;
  await signUp(page, "Staff Basics", `staff-admin-${project}@example.test`);

  await page.goto("/admin/boards");
  const nav = page.getByRole("navigation", { name: "Admin sections" });
  await expect(nav.getByRole("link", { name: "Boards" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Failed emails" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Failed emails" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Failed emails" })).toHaveAttribute("aria-current", "page");
  await expectNoA11yViolations(page);
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Boards" }).click();

  // The board fields have no type attribute; they look like every other text field.
  const description = page.locator("#new-description");
  expect(await description.getAttribute("type")).toBeNull();
  const fieldLook = await lookOf(description);
  const newBoard = page.getByRole("region", { name: "New board" });
  await newBoard.getByLabel("Name").fill(`Staff board ${project}`);
  await newBoard.getByLabel("Slug (in the address)").fill(slug);
  await description.fill("Tell us what slows your team down.");
  await expectNoA11yViolations(page);
  await newBoard.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("status")).toContainText("The board was created.");

  await page.goto("/login/email");
  const emailLook = await lookOf(page.getByLabel("Email"));
  expect(fieldLook).toEqual(emailLook);

  // A read-only email looks different from one you can type in.
  await page.goto("/settings/profile");
  const readOnly = page.getByLabel("Email");
  await expect(readOnly).toHaveAttribute("readonly", "");
  const readOnlyStyle = await readOnly.evaluate((el) => ({ border: getComputedStyle(el).borderTopStyle, background: getComputedStyle(el).backgroundColor }));
  expect(readOnlyStyle.border).toBe("dashed");
  expect(readOnlyStyle.background).not.toBe("rgb(255, 255, 255)");
  await expectNoA11yViolations(page);

  // The board shows its description.
  await page.goto(`/?board=${slug}`);
  await expect(page.getByText("Tell us what slows your team down.")).toBeVisible();
  await expectNoA11yViolations(page);
});
