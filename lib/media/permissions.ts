import type { CurrentUser } from "../auth";
import { hasRole } from "../roles";

/** Who may do what with media (pure): everyone may upload; deleting is for its uploader or an editor. */

/** Whether `user` may delete a media (the library also refuses while it is in use). */
export function canDeleteMedia(
  user: Pick<CurrentUser, "id" | "role">,
  media: { uploadedById: number | null },
): boolean {
  return hasRole(user, "EDITOR") || media.uploadedById === user.id;
}
