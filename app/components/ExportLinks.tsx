import { useRootData, useT } from "../i18n/use-t";
import { canImportData } from "../permissions";

const FILES = [
  { file: "ideas.csv", label: "dashboard.export.ideas" },
  { file: "votes.csv", label: "dashboard.export.votes" },
  { file: "comments.csv", label: "dashboard.export.comments" },
] as const;

/** The staff's CSV downloads (GET /api/v1/export/*.csv), plain links that work without JavaScript; for admins, the way to the import. */
export function ExportLinks() {
  const t = useT();
  const { user } = useRootData();
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t("dashboard.export.title")}</h2>
      <p className="muted small">{t("dashboard.export.intro")}</p>
      <ul className="export-links">
        {FILES.map(({ file, label }) => (
          <li key={file}>
            <a href={`/api/v1/export/${file}`} download>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
      {canImportData(user) ? (
        <p>
          <a href="/admin/import">{t("import.link")}</a>
        </p>
      ) : null}
    </section>
  );
}
