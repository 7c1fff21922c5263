/**
 * Operator commands:
 *   npm run admin -- user:create --email E --name N --role admin|staff|member [--password P]
 *   npm run admin -- user:role --email E --role admin|staff|member
 *   npm run admin -- token:create --email E --name LABEL   (prints the token alone on the last line)
 *   npm run admin -- import --file F --format canny|fider|csv --as ADMIN_EMAIL [--map column=field,…] [--dry-run]
 *     (docs/import.md)
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { runCommand } from "../app/boot.server";
import { database, isUniqueViolation, migrateDatabase } from "../app/lib/db.server";
import { createApiToken } from "../app/models/api-tokens.server";
import { importData } from "../app/models/data-import.server";
import { IMPORT_FORMATS, parseMapping, problemText, type ImportFormat } from "../app/models/import-rows.server";
import { translate, type Locale, type MessageKey, type Params } from "../app/i18n";
import { negotiateLocale } from "../app/i18n/locales";
import { createUser, findUserByEmail, passwordProblem, setUserRole } from "../app/models/users.server";
import { emailField, nameField, passwordField, RoleField } from "../app/schemas/auth";
import { parseInput } from "../app/schemas/parse";
import { z } from "zod";

const USAGE = `Usage:
  npm run admin -- user:create --email E --name N --role admin|staff|member [--password P]
  npm run admin -- user:role --email E --role admin|staff|member
  npm run admin -- token:create --email E --name LABEL
  npm run admin -- import --file F --format canny|fider|csv --as ADMIN_EMAIL [--map column=field,…] [--dry-run]`;

class UsageError extends Error {}

function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = parseInput(schema, input);
  if (!result.ok) throw new UsageError(Object.entries(result.errors).map(([field, message]) => `--${field}: ${message}`).join("\n"));
  return result.data;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" },
      file: { type: "string" }, format: { type: "string" }, map: { type: "string" }, as: { type: "string" }, "dry-run": { type: "boolean" },
    },
    strict: true,
  });
  if (!command || !["user:create", "user:role", "token:create", "import"].includes(command)) throw new UsageError(USAGE);

  const handle = database();
  await migrateDatabase(handle);

  if (command === "user:create") {
    const input = validate(
      z.object({ email: emailField, name: nameField, role: RoleField.default("member"), password: passwordField.optional() }),
      values,
    );
    if (input.password) {
      const problem = passwordProblem(input.password, "en");
      if (problem) throw new UsageError(`--password: ${problem}`);
    }
    try {
      const user = await createUser({ email: input.email, name: input.name, role: input.role, password: input.password ?? null });
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).${input.password ? "" : " No password: they sign in by email link."}`);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsageError(`An account with ${input.email} already exists. Use user:role to change its role.`);
      throw error;
    }
    return;
  }

  if (command === "user:role") {
    const input = validate(z.object({ email: emailField, role: RoleField }), values);
    const user = await setUserRole(input);
    if (!user) throw new UsageError(`No account with ${input.email}.`);
    console.log(`${user.email} is now ${user.role}.`);
    return;
  }

  if (command === "import") return runImport(values);

  const input = validate(z.object({ email: emailField, name: z.string().trim().min(1).max(60) }), values);
  const user = await findUserByEmail(input.email);
  if (!user) throw new UsageError(`No account with ${input.email}.`);
  const { token } = await createApiToken({ actor: user, name: input.name });
  console.log(`Created API token "${input.name}" for ${user.email}. It is shown only this once:`);
  console.log(token);
}

/** `import`: checks every row, then writes all of them in one transaction (or, with --dry-run, rolls it back). */
async function runImport(values: { file?: string; format?: string; map?: string; as?: string; "dry-run"?: boolean }): Promise<void> {
  if (!values.file || !values.format || !values.as) throw new UsageError(`import needs --file, --format and --as.\n${USAGE}`);
  if (!(IMPORT_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(`--format: one of ${IMPORT_FORMATS.join(", ")}.`);
  const mapping = parseMapping(values.map ?? "");
  if (!mapping.ok) throw new UsageError(`--map: ${mapping.message}`);
  const { email } = validate(z.object({ email: emailField }), { email: values.as });
  const actor = await findUserByEmail(email);
  if (!actor || actor.role !== "admin") throw new UsageError(`--as: ${email} is not an admin's account.`);
  try {
    fs.accessSync(values.file, fs.constants.R_OK);
  } catch (error) {
    throw new UsageError(`--file: cannot read ${values.file} (${(error as NodeJS.ErrnoException).code}).`);
  }
  const file = values.file;
  const say = (key: MessageKey, params?: Params) => translate(cliLocale, key, params);
  let shown = -1;
  const outcome = await importData({
    actor, open: () => fs.createReadStream(file), format: values.format as ImportFormat, mapping: mapping.mapping, dryRun: values["dry-run"] ?? false,
    onProgress: (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent < shown + 10 && done < total) return;
      shown = percent;
      const bar = "#".repeat(Math.round(percent / 5)).padEnd(20, ".");
      console.log(`[${bar}] ${say("import.cli.progress", { percent, done, total })}`);
    },
  });
  if (!outcome.ok) {
    throw new UsageError([say("import.cli.refused"), ...outcome.problems.map((p) => `  ${say("import.problemLine", { line: p.line, message: problemText(cliLocale, p) })}`)].join("\n"));
  }
  const { counts } = outcome;
  if (outcome.ignoredColumns.length > 0) console.log(say("import.cli.ignored", { columns: outcome.ignoredColumns.join(", ") }));
  console.log(say(outcome.dryRun ? "import.cli.dryRun" : "import.cli.imported", { ...counts }));
}

/** The terminal's language (LC_ALL, LC_MESSAGES or LANG: "sl_SI.UTF-8" is Slovenian); English when it is none Loopboard speaks. */
const cliLocale: Locale = negotiateLocale([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG].find(Boolean)?.split(/[.@]/)[0].replace("_", "-"));

await runCommand(
  () => main(process.argv.slice(2)),
  (error) => {
    if (error instanceof UsageError) return error.message;
    if (error instanceof Error && /Unknown option|Option '.*' argument/.test(error.message)) return `${error.message}\n${USAGE}`;
    return null;
  },
);
