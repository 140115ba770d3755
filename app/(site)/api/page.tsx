import type { Metadata } from "next";
import { TableScroll } from "@/components/tables/TableScroll";
import { MAX_RECORD_LIMIT } from "@/lib/climate/records";
import { DECIMALS, type Quantity } from "@/lib/format/numbers";
import { UNITS } from "@/lib/opendata/json";
import { DEFAULT_DAYS, MAX_CLIMATE_DAYS, MAX_DAYS } from "@/lib/opendata/query";
import { FIELD_NAMES, FIELDS } from "@/lib/series/fields";
import { STEP_LABEL, STEPS } from "@/lib/series/steps";

export const metadata: Metadata = {
  title: "Données ouvertes (API)",
  description:
    "Les relevés des stations Météo06 en JSON et CSV : conditions actuelles, séries, agrégats quotidiens.",
};

const PUBLIC_FIELDS = FIELD_NAMES.filter(
  (f) => !["inTemp", "inHumidity", "rxCheckPercent", "consBatteryVoltage"].includes(f),
);

const STATION = "nice-pessicart";

const QUANTITY_LABEL: Record<Quantity, string> = {
  temperature: "Températures (Tn, Tx, Tmoy, point de rosée)",
  humidity: "Humidité",
  pressure: "Pression",
  speed: "Vent et rafales",
  direction: "Directions",
  rain: "Pluie (RR, cumuls)",
  rainRate: "Intensité de pluie",
  radiation: "Rayonnement solaire",
  uv: "Indice UV",
  evapotranspiration: "Évapotranspiration",
  degreeDays: "Degrés-jours de chauffage (DJU)",
};

const QUANTITY_UNIT: Record<Quantity, string> = { ...UNITS, degreeDays: "°C·jour" };

function Example({ path }: { path: string }) {
  return (
    <p>
      <code>
        <a href={path}>{path}</a>
      </code>
    </p>
  );
}

export default function ApiPage() {
  return (
    <>
      <h1>Données ouvertes</h1>
      <p>
        Les relevés des stations du réseau sont librement réutilisables. L'API répond en JSON, ou en CSV avec{" "}
        <code>format=csv</code> (ou <code>format=csv-fr</code> : le même CSV pour les tableurs réglés en
        français, séparé par des points-virgules, avec la virgule décimale) ; elle s'appelle depuis n'importe
        quel site (CORS ouvert en lecture) et n'exige aucune clé. Merci de citer « Météo06 » et de ne pas
        interroger plus d'une fois par minute les conditions actuelles : elles ne changent pas plus souvent.
      </p>
      <h2>Conventions</h2>
      <ul>
        <li>
          Heures en ISO-8601, en UTC dans les réponses (<code>2025-06-01T10:05:00Z</code>). En paramètre : un
          jour <code>2025-06-01</code> (minuit, heure locale de la station ; pour <code>to</code>, la fin de
          ce jour) ou une date et heure avec son fuseau (<code>2025-06-01T12:00:00+02:00</code>,{" "}
          <code>…Z</code>).
        </li>
        <li>Unités métriques, nommées dans chaque réponse : °C, %, hPa, km/h, degrés, mm, mm/h, W/m².</li>
        <li>
          Un relevé daté <em>t</em> couvre l'intervalle qui précède <em>t</em> ; une période agrégée{" "}
          <code>(start, time]</code> contient les relevés datés après <code>start</code> et jusqu'à{" "}
          <code>time</code> inclus. Les périodes sans relevé sont omises.
        </li>
        <li>
          Erreurs : un code HTTP (400 paramètre invalide, 404 station inconnue, 503 archives indisponibles) et
          un corps <code>{`{"error": "message en français"}`}</code>.
        </li>
        <li>
          Précision : toutes les valeurs (conditions actuelles, séries <code>/observations</code> et{" "}
          <code>/aggregates/daily</code>, climatologie <code>/climate/…</code>) sont arrondies comme les pages
          les affichent (tableau ci-dessous, arrondi au plus proche, la moitié loin de zéro) ; seul le taux de
          couverture (<code>coverage</code>) garde trois décimales. Jusqu'en décembre 2026, les conditions
          actuelles et les séries donnaient les valeurs non arrondies (trois décimales au plus pour les
          séries).
        </li>
        <li>
          Contrôle qualité : les valeurs jugées erronées sont écartées des séries comme une invalidation ; aux
          pas agrégés (<code>10m</code> à <code>1d</code> et <code>/aggregates/daily</code>), chaque période
          indique combien de valeurs des grandeurs demandées ont été écartées (<code>qcErroneous</code>) ou
          conservées bien que suspectes (<code>qcSuspect</code>).
        </li>
        <li>
          Cache : une minute pour les données récentes (<code>Cache-Control</code>), une heure pour les
          périodes passées.
        </li>
      </ul>
      <h2>Points d'accès</h2>
      <h3>
        <code>GET /api/v1/stations</code>
      </h3>
      <p>
        Toutes les stations : identifiant, nom, position, altitude, capteurs, et leurs conditions actuelles.
      </p>
      <Example path="/api/v1/stations" />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/current</code>
      </h3>
      <p>
        Les conditions actuelles d'une station : dernières valeurs, extrêmes du jour avec leur heure, vent
        moyen sur 10 min et 1 h (direction moyenne vectorielle), rafales, pluie sur 1 h, 3 h, 12 h, 24 h,
        depuis minuit, par journée pluviométrique 06–06 UTC, sur 7 jours, le mois et l'année.{" "}
        <code>offline</code> indique une station muette depuis plus longtemps que son seuil.
      </p>
      <Example path={`/api/v1/stations/${STATION}/current`} />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/observations</code>
      </h3>
      <p>
        Une série : <code>from</code>, <code>to</code> (par défaut : maintenant), <code>step</code>,{" "}
        <code>fields</code> (liste séparée par des virgules ; par défaut tous les champs de la station),{" "}
        <code>format</code>. Sans <code>step</code>, le pas le plus fin qui donne au plus 2 000 lignes.
      </p>
      <TableScroll label="Pas des séries">
        <table className="data">
          <thead>
            <tr>
              <th>step</th>
              <th>Pas</th>
              <th className="num">Période par défaut</th>
              <th className="num">Période maximale</th>
            </tr>
          </thead>
          <tbody>
            {STEPS.map((step) => (
              <tr key={step}>
                <td>
                  <code>{step}</code>
                </td>
                <td>{STEP_LABEL[step]}</td>
                <td className="num">{DEFAULT_DAYS[step]} j</td>
                <td className="num">{MAX_DAYS[step]} j</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        Au pas brut, chaque ligne est un relevé. Aux autres pas, chaque ligne donne pour chaque mesure la
        moyenne, le minimum et le maximum avec leur heure (<code>outTemp</code>, <code>outTempMin</code>,{" "}
        <code>outTempMinTime</code>…), le cumul de pluie et le cumul courant depuis le début de la série (
        <code>rainTotal</code>), l'intensité de pluie maximale et son heure, la rafale maximale avec sa
        direction et son heure, le vent moyen et sa direction moyenne vectorielle, le nombre de relevés et la
        part de la période couverte (<code>coverage</code>). Les pas de 10 min sont calculés à partir des
        relevés, ceux de 1 h et 3 h (00, 03, 06… UTC) à partir des agrégats horaires, le pas d'un jour sur les
        jours civils de la station.
      </p>
      <Example path={`/api/v1/stations/${STATION}/observations?step=1h&fields=outTemp,rain`} />
      <Example
        path={`/api/v1/stations/${STATION}/observations?from=2025-06-01&to=2025-06-30&step=1d&format=csv`}
      />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/aggregates/daily</code>
      </h3>
      <p>
        Les agrégats quotidiens (jours civils, heure locale) : <code>from</code> et <code>to</code> sont des
        jours <code>AAAA-MM-JJ</code> inclus (par défaut les 31 derniers jours, au plus {MAX_DAYS["1d"]}{" "}
        jours), <code>fields</code>, <code>format</code>. Chaque ligne porte son jour (<code>date</code>).
      </p>
      <Example path={`/api/v1/stations/${STATION}/aggregates/daily?from=2025-01-01&to=2025-01-31`} />
      <h2>Climatologie</h2>
      <p>
        Les valeurs quotidiennes, mensuelles et les records calculés aux normes OMM / Météo-France : Tn sur
        18–18 h UTC, Tx et RR sur 06–06 h UTC, une valeur publiée seulement si sa fenêtre est couverte à 80 %
        au moins (la couverture est donnée de 0 à 1), une journée provisoire (<code>partial</code>) jusqu'au
        lendemain 06 h UTC. Mêmes conventions, erreurs et en-têtes que ci-dessus.
      </p>
      <p>
        <code>tnTxMean</code> est la moyenne (Tn + Tx) / 2 (la « Tmoy » de Météo-France) et <code>tmean</code>{" "}
        la moyenne de tous les relevés du jour (« Tmoy réelle »). Jusqu'en décembre 2026,{" "}
        <code>tnTxMean</code> s'appelait <code>tmoy</code> : les réponses JSON donnent encore{" "}
        <code>tmoy</code> (même valeur) ; en CSV, la colonne s'appelle désormais <code>tnTxMean</code>, à la
        même place.
      </p>
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/climate/daily</code>
      </h3>
      <p>
        Chaque jour de <code>from</code> à <code>to</code> (jours <code>AAAA-MM-JJ</code> inclus,
        obligatoires, au plus {MAX_CLIMATE_DAYS} jours), <code>format</code>. <code>quality</code> compte les
        valeurs des fenêtres du jour que le contrôle qualité a écartées (<code>erroneous</code>) ou gardées
        bien que suspectes (<code>suspect</code>).
      </p>
      <Example path={`/api/v1/stations/${STATION}/climate/daily?from=2025-01-01&to=2025-01-31`} />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/climate/monthly</code>
      </h3>
      <p>
        Les 12 mois d'une année (<code>year</code>, obligatoire) et l'année : moyennes (règle OMM « 11/5 »),
        cumul de pluie complet ou somme des jours présents, extrêmes datés, nombres de jours, DJU ;{" "}
        <code>format</code>. <code>quality</code> (colonnes <code>qcErroneous</code>, <code>qcSuspect</code>{" "}
        en CSV) compte, comme pour <code>daily</code>, les valeurs des fenêtres des jours du mois (ou de
        l'année) que le contrôle qualité a écartées ou gardées bien que suspectes, chacune une fois.
      </p>
      <Example path={`/api/v1/stations/${STATION}/climate/monthly?year=2025`} />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/climate/records</code>
      </h3>
      <p>
        Les meilleurs jours par paramètre (<code>limit</code> de 1 à {MAX_RECORD_LIMIT}, 10 par défaut),{" "}
        <code>format</code>. Le <code>quality</code> de chaque jour (colonnes <code>qcErroneous</code>,{" "}
        <code>qcSuspect</code> en CSV) compte les valeurs des capteurs du paramètre (la pluie pour le cumul,
        le vent pour la rafale…) que le contrôle qualité a écartées ou gardées bien que suspectes dans les
        fenêtres de ce jour : un record qui en compte repose sur des mesures douteuses.
      </p>
      <Example path={`/api/v1/stations/${STATION}/climate/records?limit=10`} />
      <h3>
        <code>GET /api/v1/stations/{"{station}"}/climate/heatmap</code> et <code>…/climate/chart</code>
      </h3>
      <p>
        Les valeurs horaires d'une année, jour par jour (<code>year</code>), et le graphique SVG d'un mois (
        <code>month=AAAA-MM</code>, <code>kind=temperature</code> ou <code>rain</code>).
      </p>
      <h3>Précision des valeurs</h3>
      <TableScroll label="Précision des valeurs">
        <table className="data">
          <thead>
            <tr>
              <th>Grandeur</th>
              <th>Unité</th>
              <th className="num">Décimales</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(DECIMALS) as Quantity[]).map((quantity) => (
              <tr key={quantity} data-quantity={quantity}>
                <td>{QUANTITY_LABEL[quantity]}</td>
                <td>{QUANTITY_UNIT[quantity]}</td>
                <td className="num">{DECIMALS[quantity]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        Exemple : une Tx de 21,110 °C est publiée <code>21.1</code>, une direction de rafale de 0,0000002°{" "}
        <code>0</code>. Les couvertures gardent quatre décimales.
      </p>
      <h2>Champs</h2>
      <TableScroll label="Champs">
        <table className="data">
          <thead>
            <tr>
              <th>Champ</th>
              <th>Mesure</th>
              <th>Unité</th>
            </tr>
          </thead>
          <tbody>
            {PUBLIC_FIELDS.map((field) => (
              <tr key={field}>
                <td>
                  <code>{field}</code>
                </td>
                <td>{FIELDS[field].label}</td>
                <td>{FIELDS[field].unit || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        UV, rayonnement et évapotranspiration n'existent que pour les stations qui ont ces capteurs (voir{" "}
        <code>sensors</code>).
      </p>
    </>
  );
}
