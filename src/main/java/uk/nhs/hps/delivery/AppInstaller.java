package uk.nhs.hps.delivery;

/**
 * Installs the Teams app for someone who does not have it, so the bot can open a 1:1 chat with them (Microsoft
 * Graph, in the graph package). Off when it is not configured.
 */
public interface AppInstaller {

    /** What an installation attempt came to; {@code reason} says why, for the programme team. */
    record Installation(Kind kind, String reason) {
        public enum Kind { INSTALLED, ALREADY_INSTALLED, RETRY, FAILED }

        public boolean done() {
            return kind == Kind.INSTALLED || kind == Kind.ALREADY_INSTALLED;
        }
    }

    boolean enabled();

    Installation install(String tenantId, String aadObjectId);
}
