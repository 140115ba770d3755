import { parseTrustedProxies, recordPeerAddresses } from "./lib/client-address";
import { ConfigError, config } from "./lib/config";

// Refuse to serve with a broken configuration, and say exactly why.
if (process.env.NEXT_PHASE !== "phase-production-build") {
  try {
    config();
    parseTrustedProxies();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// The connection's address on every request, for the per-address login limits (lib/client-address.ts).
recordPeerAddresses();
