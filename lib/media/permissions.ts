import type { CurrentUser } from "../auth";
import { hasRole } from "../roles";

/**
 * Media: everyone may upload; changing its texts or deleting it is for its uploader or an editor
 * (deleting is refused while in use). Pure.
 */
export function canChangeMedia(
  user: Pick<CurrentUser, "id" | "role">,
  media: { uploadedById: number | null },
): boolean {
  return hasRole(user, "EDITOR") || media.uploadedById === user.id;
}
