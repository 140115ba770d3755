/**
 * What an import did, counted, and the table printed at the end of every run (for the person moving
 * the site: French, like the back office).
 */

export interface ImportSummary {
  authors: { created: number; existing: number };
  /** dc:creator logins without a wp:author entry, with their number of posts */
  unknownAuthors: Map<string, number>;
  categories: number;
  tags: number;
  articles: {
    created: number;
    updated: number;
    unchanged: number;
    /** changed on the site since the last import: left as they are */
    kept: string[];
    /** deleted on the site since the last import: not made again */
    deleted: string[];
    drafts: number;
    byType: Record<string, number>;
  };
  passwordProtected: string[];
  privatePosts: string[];
  /** posts whose id an earlier export's post already has: imported as new articles */
  reusedIds: string[];
  skipped: Map<string, number>;
  media: { fromUploads: number; downloaded: number; existing: number; missing: string[]; refused: string[] };
  /** images still shown from the old site (not imported) */
  oldSiteImages: number;
  embeds: Map<string, number>;
  removed: Map<string, number>;
  comments: { imported: number; skipped: Map<string, number> };
  redirects: number;
  /** accounts created without a password: to invite */
  newUserIds: number[];
}

export function emptySummary(): ImportSummary {
  return {
    authors: { created: 0, existing: 0 },
    unknownAuthors: new Map(),
    categories: 0,
    tags: 0,
    articles: { created: 0, updated: 0, unchanged: 0, kept: [], deleted: [], drafts: 0, byType: {} },
    passwordProtected: [],
    privatePosts: [],
    reusedIds: [],
    skipped: new Map(),
    media: { fromUploads: 0, downloaded: 0, existing: 0, missing: [], refused: [] },
    oldSiteImages: 0,
    embeds: new Map(),
    removed: new Map(),
    comments: { imported: 0, skipped: new Map() },
    redirects: 0,
    newUserIds: [],
  };
}

export function tally(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const total = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
const detail = (map: Map<string, number>) =>
  [...map]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
const withDetail = (map: Map<string, number>) => `${total(map)}${map.size ? ` (${detail(map)})` : ""}`;

/** The summary table, then the lists an editor has to look at. */
export function formatSummary(s: ImportSummary): string {
  const rows: [string, string][] = [
    ["Articles créés", String(s.articles.created)],
    ["Articles mis à jour", String(s.articles.updated)],
    ["Articles inchangés", String(s.articles.unchanged)],
    ["Gardés : modifiés sur le site depuis le dernier import", String(s.articles.kept.length)],
    ["Non recréés : supprimés sur le site depuis le dernier import", String(s.articles.deleted.length)],
    ["Brouillons", String(s.articles.drafts)],
    ["Protégés par mot de passe (en brouillon)", String(s.passwordProtected.length)],
    ["Privés (en brouillon)", String(s.privatePosts.length)],
    [
      "Médias récupérés",
      `${s.media.downloaded + s.media.fromUploads} (téléchargés ${s.media.downloaded}, copiés de --uploads ${s.media.fromUploads}, déjà présents ${s.media.existing})`,
    ],
    ["Médias manquants", String(s.media.missing.length)],
    ["Médias refusés", String(s.media.refused.length)],
    ["Images laissées sur l'ancien site", String(s.oldSiteImages)],
    ["Intégrations converties", withDetail(s.embeds)],
    ["Éléments retirés", withDetail(s.removed)],
    ["Commentaires importés", String(s.comments.imported)],
    ["Commentaires non importés", withDetail(s.comments.skipped)],
    ["Redirections", String(s.redirects)],
    [
      "Auteurs",
      `${s.authors.created} créés, ${s.authors.existing} déjà présents, ${s.unknownAuthors.size} inconnus`,
    ],
    ["Catégories, étiquettes", `${s.categories}, ${s.tags}`],
    ["Ignorés", s.skipped.size ? detail(s.skipped) : "aucun"],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const rule = `+${"-".repeat(width + 2)}+${"-".repeat(valueWidth + 2)}+`;
  const lines = [
    "Résumé de l'import",
    rule,
    ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padEnd(valueWidth)} |`),
    rule,
  ];
  const list = (title: string, items: string[]) => {
    if (items.length) lines.push(`${title} :`, ...items.map((item) => `  - ${item}`));
  };
  list("Modifiés sur le site depuis le dernier import : gardés", s.articles.kept);
  list("Supprimés sur le site depuis le dernier import : non recréés", s.articles.deleted);
  list("Protégés par mot de passe : importés en brouillon", s.passwordProtected);
  list("Privés : importés en brouillon", s.privatePosts);
  list(
    "Identifiant déjà pris par l'article d'un autre export : importés comme nouveaux articles",
    s.reusedIds,
  );
  list(
    "Auteurs inconnus de l'export (articles sans auteur)",
    [...s.unknownAuthors].map(([login, n]) => `${login} (${n})`),
  );
  list("Médias manquants", s.media.missing);
  list("Médias refusés", s.media.refused);
  return lines.join("\n");
}
