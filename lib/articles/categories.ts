import { db } from "../db";
import { ARTICLE_TYPES, type ArticleType } from "./model";

/** Categories (from WordPress or not) and the article type each one gives the posts the import brings. */

export function listCategories() {
  return db().category.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { articles: true } } },
  });
}

/**
 * Reads the categories page's form (a field "type-<id>" per category, an article type or "" for
 * none) and stores each category's type; unknown types count as none.
 */
export async function saveCategoryTypes(form: FormData): Promise<void> {
  for (const [key, value] of form) {
    const id = Number(key.replace(/^type-/, ""));
    if (!key.startsWith("type-") || !Number.isInteger(id)) continue;
    const articleType: ArticleType | null = ARTICLE_TYPES.find((t) => t === value) ?? null;
    await db().category.updateMany({ where: { id }, data: { articleType } });
  }
}
