/**
 * Operator commands:
 *   npm run admin -- user:create --email E --name N --role admin|staff|member [--password P]
 *   npm run admin -- user:role --email E --role admin|staff|member
 *   npm run admin -- token:create --email E --name LABEL   (prints the token alone on the last line)
 */
import { parseArgs } from "node:util";
import { runCommand } from "../app/boot.server";
import { database, isUniqueViolation, migrateDatabase } from "../app/lib/db.server";
import { createApiToken } from "../app/models/api-tokens.server";
import { createUser, findUserByEmail, passwordProblem, setUserRole } from "../app/models/users.server";
import { emailField, nameField, passwordField, RoleField } from "../app/schemas/auth";
import { parseInput } from "../app/schemas/parse";
import { z } from "zod";

const USAGE = `Usage:
  npm run admin -- user:create --email E --name N --role admin|staff|member [--password P]
  npm run admin -- user:role --email E --role admin|staff|member
  npm run admin -- token:create --email E --name LABEL`;

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
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
    strict: true,
  });
  if (!command || !["user:create", "user:role", "token:create"].includes(command)) throw new UsageError(USAGE);

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

  const input = validate(z.object({ email: emailField, name: z.string().trim().min(1).max(60) }), values);
  const user = await findUserByEmail(input.email);
  if (!user) throw new UsageError(`No account with ${input.email}.`);
  const { token } = await createApiToken({ actor: user, name: input.name });
  console.log(`Created API token "${input.name}" for ${user.email}. It is shown only this once:`);
  console.log(token);
}

await runCommand(
  () => main(process.argv.slice(2)),
  (error) => {
    if (error instanceof UsageError) return error.message;
    if (error instanceof Error && /Unknown option|Option '.*' argument/.test(error.message)) return `${error.message}\n${USAGE}`;
    return null;
  },
);
