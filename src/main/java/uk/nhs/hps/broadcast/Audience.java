package uk.nhs.hps.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.people.Role;

import java.util.List;

/**
 * Who an announcement goes to: everyone in some cohorts, all participants, all sponsors, one role within
 * some cohorts, or a list of e-mail addresses.
 */
@Serdeable
public record Audience(Kind kind, @Nullable List<Long> cohortIds, @Nullable Role role, @Nullable List<String> emails) {

    public enum Kind { COHORTS, ALL_PARTICIPANTS, ALL_SPONSORS, ROLE_IN_COHORTS, EMAILS }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Audience {
        if (kind == null) {
            throw new InvalidRequest("Choose who the announcement is for.");
        }
        cohortIds = cohortIds == null ? List.of() : List.copyOf(cohortIds);
        emails = emails == null ? List.of() : emails.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        if ((kind == Kind.COHORTS || kind == Kind.ROLE_IN_COHORTS) && cohortIds.isEmpty()) {
            throw new InvalidRequest("Choose at least one cohort.");
        }
        if (kind == Kind.ROLE_IN_COHORTS && role == null) {
            throw new InvalidRequest("Choose the role within the cohort (participants, sponsors, coaches).");
        }
        if (kind == Kind.EMAILS && emails.isEmpty()) {
            throw new InvalidRequest("Give at least one e-mail address.");
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(kind.name(), cohortIds, role == null ? null : role.name(), emails));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Audience fromJson(String json) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            return new Audience(Kind.valueOf(s.kind()), s.cohortIds(), s.role() == null ? null : Role.valueOf(s.role()), s.emails());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String kind, List<Long> cohortIds, String role, List<String> emails) {
    }
}
