package uk.nhs.hps.broadcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import uk.nhs.hps.access.InvalidRequest;
import uk.nhs.hps.people.DevelopmentStream;
import uk.nhs.hps.people.Role;

import java.util.List;

/**
 * Who an announcement goes to: everyone in some cohorts, all participants, all sponsors, one role within
 * some cohorts, a list of e-mail addresses, or (the console's) a selection: the participants of some cohorts,
 * narrowed by development stream and organisation, and/or their current sponsors or coaches.
 */
@Serdeable
public record Audience(Kind kind, @Nullable List<Long> cohortIds, @Nullable Role role, @Nullable List<String> emails,
                       @Nullable DevelopmentStream stream, @Nullable String organisation) {

    public enum Kind { COHORTS, ALL_PARTICIPANTS, ALL_SPONSORS, ROLE_IN_COHORTS, EMAILS, SELECTION }

    /** The audiences before {@link Kind#SELECTION}: no stream or organisation. */
    public Audience(Kind kind, @Nullable List<Long> cohortIds, @Nullable Role role, @Nullable List<String> emails) {
        this(kind, cohortIds, role, emails, null, null);
    }

    /**
     * The console's selection. {@code role} null means participants and their sponsors; stream and organisation
     * (matched ignoring case) narrow the participants, and sponsors or coaches are those of the participants chosen.
     */
    public static Audience selection(List<Long> cohortIds, @Nullable Role role, @Nullable DevelopmentStream stream,
                                     @Nullable String organisation) {
        return new Audience(Kind.SELECTION, cohortIds, role, null, stream, organisation);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Creator
    public Audience {
        organisation = organisation == null || organisation.isBlank() ? null : organisation.strip();
        if (kind == null) {
            throw new InvalidRequest("Choose who the announcement is for.");
        }
        cohortIds = cohortIds == null ? List.of() : List.copyOf(cohortIds);
        emails = emails == null ? List.of() : emails.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        if ((kind == Kind.COHORTS || kind == Kind.ROLE_IN_COHORTS || kind == Kind.SELECTION) && cohortIds.isEmpty()) {
            throw new InvalidRequest("Choose at least one cohort.");
        }
        if (kind == Kind.ROLE_IN_COHORTS && role == null) {
            throw new InvalidRequest("Choose the role within the cohort (participants, sponsors, coaches).");
        }
        if (kind == Kind.SELECTION && role == Role.PROGRAMME_TEAM) {
            throw new InvalidRequest("Choose participants, sponsors or coaches.");
        }
        if (kind == Kind.EMAILS && emails.isEmpty()) {
            throw new InvalidRequest("Give at least one e-mail address.");
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(kind.name(), cohortIds, role == null ? null : role.name(), emails,
                    stream == null ? null : stream.name(), organisation));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Audience fromJson(String json) {
        try {
            Stored s = JSON.readValue(json, Stored.class);
            return new Audience(Kind.valueOf(s.kind()), s.cohortIds(), s.role() == null ? null : Role.valueOf(s.role()), s.emails(),
                    s.stream() == null ? null : DevelopmentStream.valueOf(s.stream()), s.organisation());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As stored; rows written before stream and organisation existed read them as null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Stored(String kind, List<Long> cohortIds, String role, List<String> emails, String stream,
                          String organisation) {
    }
}
