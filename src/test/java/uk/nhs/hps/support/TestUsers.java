package uk.nhs.hps.support;

/** The people the integration tests talk as. */
public final class TestUsers {

    public static final String TENANT = "11111111-aaaa-4aaa-8aaa-111111111111";
    public static final String OTHER_TENANT = "99999999-ffff-4fff-8fff-999999999999";

    public record User(String teamsId, String aadObjectId, String name, String email) {
        public String conversationId() {
            return "a:personal-" + teamsId.substring(teamsId.indexOf(':') + 1);
        }
    }

    public static final User ALICE = new User("29:alice", "aad-alice", "Alice Participant", "alice.participant@nhs.net");
    public static final User SAM = new User("29:sam", "aad-sam", "Sam Sponsor", "sam.sponsor@nhs.net");
    public static final User PAT = new User("29:pat", "aad-pat", "Pat Programme", "pat.programme@nhs.net");
    public static final User STRANGER = new User("29:stranger", "aad-stranger", "Stranger Danger", "someone@example.org");

    private TestUsers() {
    }
}
