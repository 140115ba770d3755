import type { Role } from "../generated/prisma/enums";

/** Role ranks (pure, importable anywhere): ADMIN > EDITOR > AUTHOR. lib/accounts/auth re-exports hasRole. */
const RANK: Record<Role, number> = { AUTHOR: 1, EDITOR: 2, ADMIN: 3 };

/** True when `user` has `role` or a higher one (ADMIN > EDITOR > AUTHOR). */
export function hasRole(user: { role: Role } | null, role: Role): boolean {
  return user !== null && RANK[user.role] >= RANK[role];
}
