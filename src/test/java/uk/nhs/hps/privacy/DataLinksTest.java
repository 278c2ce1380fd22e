package uk.nhs.hps.privacy;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed "my data" links: valid for 15 minutes, for one person, and not forgeable. */
class DataLinksTest {

    private static final String SECRET = "a-test-secret-that-is-at-least-32-characters";
    private final Instant issued = Instant.parse("2026-11-23T09:00:00Z");

    private DataLinks linksAt(Instant now) {
        return new DataLinks(new PrivacySettings("https://hps.example", SECRET, Duration.ofMinutes(15), Period.ofYears(2)), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void linkWorksForFifteenMinutes() {
        String token = token(linksAt(issued).issue(42).url());

        assertThat(linksAt(issued.plus(Duration.ofMinutes(14).plusSeconds(59))).check(token).personId()).hasValue(42);
        assertThat(linksAt(issued.plus(Duration.ofMinutes(15))).check(token).refusal()).isEqualTo(DataLinks.Refusal.EXPIRED);
    }

    @Test
    void changingThePersonBreaksTheSignature() {
        String token = token(linksAt(issued).issue(42).url());

        assertThat(linksAt(issued).check(token.replaceFirst("^42\\.", "43.")).refusal()).isEqualTo(DataLinks.Refusal.INVALID);
    }

    @Test
    void garbageIsInvalid() {
        assertThat(linksAt(issued).check("nonsense").refusal()).isEqualTo(DataLinks.Refusal.INVALID);
        assertThat(linksAt(issued).check("1.2.%%%").refusal()).isEqualTo(DataLinks.Refusal.INVALID);
    }

    @Test
    void linkPointsAtThePublicBaseUrl() {
        assertThat(linksAt(issued).issue(7).url()).startsWith("https://hps.example/privacy/my-data/7.");
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
