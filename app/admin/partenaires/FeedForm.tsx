"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { saveFeedAction } from "./actions";

export interface FeedFormProps {
  /** Editing an existing feed (its partner and station are fixed); creating otherwise. */
  feed?: {
    id: number;
    partner: "STATIC" | "ROMMA";
    enabled: boolean;
    partnerStationId: string;
    endpoint: string | null;
    hasCredentials: boolean;
  };
  stations?: { id: number; name: string }[];
  defaultEndpoints: Record<"STATIC" | "ROMMA", string>;
  /** False when PARTNER_SECRET_KEY is missing: credentials cannot be stored. */
  canStoreCredentials: boolean;
}

export function FeedForm({ feed, stations, defaultEndpoints, canStoreCredentials }: FeedFormProps) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveFeedAction, null);
  const isStatic = feed ? feed.partner === "STATIC" : true;
  return (
    <form className="stack feed-form" action={action} aria-label="Configuration du flux">
      {feed ? (
        <input type="hidden" name="id" value={feed.id} />
      ) : (
        <>
          <label>
            Station
            <select name="stationId" required defaultValue="">
              <option value="" disabled>
                Choisir une station
              </option>
              {stations?.map((station) => (
                <option key={station.id} value={station.id}>
                  {station.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Partenaire
            <select name="partner" required defaultValue="STATIC">
              <option value="STATIC">StatIC (Infoclimat)</option>
              <option value="ROMMA">ROMMA</option>
            </select>
          </label>
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" name="enabled" defaultChecked={feed?.enabled ?? false} />
        Flux actif
      </label>
      <label>
        Identifiant de la station chez le partenaire
        <input name="partnerStationId" required maxLength={64} defaultValue={feed?.partnerStationId ?? ""} />
      </label>
      <fieldset disabled={!canStoreCredentials}>
        <legend>
          Identifiants {feed?.hasCredentials ? "(enregistrés, laisser vide pour les conserver)" : ""}
        </legend>
        {isStatic && (
          <label>
            Utilisateur FTP {feed ? "" : "(StatIC uniquement)"}
            <input name="username" autoComplete="off" maxLength={191} />
          </label>
        )}
        <label>
          Mot de passe
          <input name="password" type="password" autoComplete="new-password" maxLength={191} />
        </label>
        {feed?.hasCredentials && (
          <label className="checkbox">
            <input type="checkbox" name="clearCredentials" />
            Effacer les identifiants enregistrés
          </label>
        )}
      </fieldset>
      <label>
        Adresse (laisser vide pour celle du partenaire)
        <input
          name="endpoint"
          maxLength={500}
          defaultValue={feed?.endpoint ?? ""}
          placeholder={
            feed ? defaultEndpoints[feed.partner] : `${defaultEndpoints.STATIC} ou ${defaultEndpoints.ROMMA}`
          }
        />
      </label>
      {state?.ok === false && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Enregistrement…" : "Enregistrer"}
      </button>
    </form>
  );
}
