/**
 * The name to show for a person. A deleted account keeps its row with an empty name (a name a
 * person can choose is never empty), and is shown as "deleted user" in the reader's language.
 */
import type { Translate } from "./i18n";

export function personName(t: Translate, name: string | null | undefined): string {
  return name ? name : t("account.deletedUser");
}
