/**
 * The import rules of docs/architecture.md, checked by `npm run lint`:
 *
 *   routes → models → (jobs, by name through the queue) → lib → db schema
 *   jobs → models, lib;  boot.server.ts (the composition root) → everything it wires
 *   components and the isomorphic rules (schemas, permissions, statuses, roles, shapes,
 *   idea-links, i18n, emails) never reach server code
 *
 * A cycle or a forbidden direction fails CI.
 */
const SERVER = "\\.server\\.tsx?$";
const ISOMORPHIC = [
  "^app/components/",
  "^app/schemas/",
  "^app/i18n/",
  "^app/permissions\\.ts$",
  "^app/statuses\\.ts$",
  "^app/roles\\.ts$",
  "^app/shapes\\.ts$",
  "^app/idea-links\\.ts$",
  "^app/person-name\\.ts$",
  "^app/page-meta\\.ts$",
];
/** What only the composition root and the server entry may import. */
const WIRING = ["^app/boot\\.server\\.ts$", "^app/entry\\.server\\.tsx$", "^app/direct-routes\\.server\\.ts$", "^app/root\\.tsx$"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A module must not, through any chain of runtime imports, import itself: split it, or move the shared part down a layer. (Type-only imports are erased at compile time and cannot form a runtime cycle.)",
      from: { path: "^(app|db|scripts|server\\.ts)" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "isomorphic-stays-isomorphic",
      severity: "error",
      comment:
        "Components and the rules shared with the browser never import server code, not even its types (the classic compiler empties a leaked *.server import without a word).",
      from: { path: ISOMORPHIC },
      to: { path: [SERVER, "^app/(models|lib|jobs|routes)/", "^db/", ...WIRING] },
    },
    {
      name: "lib-knows-no-domain",
      severity: "error",
      comment: "app/lib is infrastructure: it never imports models, jobs, routes, components, emails or the composition root.",
      from: { path: "^app/lib/" },
      to: { path: ["^app/(models|jobs|routes|components|emails)/", ...WIRING] },
    },
    {
      name: "models-enqueue-jobs-by-name",
      severity: "error",
      comment: "Models queue work by name (enqueue(\"send-email\", …)); only the composition root and tests import job handlers.",
      from: { path: "^app/(models|lib|routes|components)/" },
      to: { path: "^app/jobs/" },
    },
    {
      name: "models-are-below-routes",
      severity: "error",
      comment: "Models and jobs never import routes, components or the server entry.",
      from: { path: "^app/(models|jobs)/" },
      to: { path: ["^app/(routes|components)/", ...WIRING] },
    },
    {
      name: "emails-are-templates",
      severity: "error",
      comment: "An email module turns data and a locale into a message: it reads no database and queues nothing.",
      from: { path: "^app/emails/" },
      to: { path: ["^app/(models|jobs|routes|components|lib)/", ...WIRING] },
    },
    {
      name: "routes-stay-thin",
      severity: "error",
      comment: "Routes call model functions; the database (drizzle, the schema) belongs to app/models.",
      from: { path: "^app/routes/" },
      to: { path: ["^db/", "^node_modules/drizzle-orm/"] },
    },
    {
      name: "routes-do-not-import-routes",
      severity: "error",
      comment: "A route module is an entry point: shared code goes in components, lib or models.",
      from: { path: "^app/routes/" },
      to: { path: "^app/routes/", pathNot: "\\.(d\\.)?ts$" },
    },
    {
      name: "db-schema-is-the-bottom",
      severity: "error",
      comment: "db/ depends on nothing of the app but the role list (the database enum reads it).",
      from: { path: "^db/schema\\.ts$" },
      to: { path: "^app/", pathNot: "^app/roles\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public/build|node_modules|data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
