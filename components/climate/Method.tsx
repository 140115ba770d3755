import { MAX_CONSECUTIVE_MISSING, MAX_MISSING_DAYS } from "@/lib/climate/monthly";
import { NORMAL_FIRST_YEAR, NORMAL_LAST_YEAR, NORMAL_MIN_YEARS } from "@/lib/climate/normals";

/** The rules the climatology follows, shown on every climatology page (shared/reference/climatology.md). */
export function Method({ open = false }: { open?: boolean }) {
  return (
    <details className="card method" open={open}>
      <summary>Méthode : normes OMM et Météo-France</summary>
      <ul>
        <li>
          Toutes les fenêtres sont en <strong>heure UTC</strong>, quelle que soit l'heure légale ; les heures
          affichées sont celles de Paris. Un relevé daté <em>t</em> couvre l'intervalle qui se termine à{" "}
          <em>t</em> : la fenêtre (A, B] prend les relevés tels que A &lt; t ≤ B.
        </li>
        <li>
          <strong>Tn</strong> (minimale) du jour J : de J-1 18 h à J 18 h UTC (un relevé de 18 h 00 compte
          pour J, celui de 18 h 05 pour J+1). <strong>Tx</strong> (maximale) et <strong>RR</strong>{" "}
          (précipitations, avec l'intensité maximale et son heure) : de J 06 h à J+1 06 h UTC. Humidité, point
          de rosée, pression, rafale, UV, rayonnement, ET : de J 00 h à J+1 00 h UTC.
        </li>
        <li>
          <strong>Tmoy</strong> = (Tn + Tx) / 2 (la TNTXM de Météo-France). La « Tmoy réelle » est la moyenne
          de tous les relevés de 00 h à 24 h UTC ; la moyenne des 24 valeurs horaires prend les relevés de 01
          h, 02 h … 24 h UTC, celle des 8 valeurs tri-horaires ceux de 03 h, 06 h … 24 h UTC (il en faut 80 %
          : 20 sur 24, 7 sur 8).
        </li>
        <li>
          <strong>Couverture</strong> d'une fenêtre = minutes couvertes par des relevés / minutes de la
          fenêtre (les intervalles d'enregistrement peuvent changer en cours de journée). Une valeur n'est
          publiée qu'à partir de <strong>80 %</strong> de couverture (règle de la plateforme : l'OMM n'en fixe
          pas) ; la couverture est toujours indiquée. Les données invalidées par un administrateur comptent
          comme manquantes.
        </li>
        <li>
          Une journée reste <strong>provisoire</strong> jusqu'à J+1 06 h UTC ; sa couverture est alors
          calculée sur la partie écoulée des fenêtres. Les statistiques mensuelles ne retiennent que les
          journées closes.
        </li>
        <li>
          Moyennes mensuelles : calculées seulement s'il manque au plus {MAX_MISSING_DAYS} valeurs
          quotidiennes et jamais {MAX_CONSECUTIVE_MISSING + 1} jours consécutifs (règle « 11/5 » de l'OMM).
          Cumul mensuel de pluie : seulement si aucun jour ne manque ; sinon la somme des jours présents est
          donnée à part, comme cumul incomplet. Une moyenne annuelle exige les 12 moyennes mensuelles.
        </li>
        <li>
          Degrés-jours de chauffage (DJU, méthode Météo) : somme de max(0, 18 − Tmoy). Les nombres de jours
          (Tx ≥ 25 °C, Tn ≤ 0 °C, RR ≥ 1 mm…) portent sur les jours disponibles, toujours indiqués.
        </li>
        <li>
          Référence : la normale OMM {NORMAL_FIRST_YEAR}–{NORMAL_LAST_YEAR} quand la station a des valeurs
          valides pour au moins {NORMAL_MIN_YEARS} des 30 années ; sinon la moyenne de la station sur les
          années disponibles, avec sa période et son nombre d'années (ce n'est pas une normale).
        </li>
      </ul>
    </details>
  );
}
