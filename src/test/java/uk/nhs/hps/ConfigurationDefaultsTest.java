package uk.nhs.hps;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.access.AccessSettings;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.admin.AdminAuthSettings;
import uk.nhs.hps.admin.MetricsSettings;
import uk.nhs.hps.calendar.NudgeSettings;
import uk.nhs.hps.delivery.DeliverySettings;
import uk.nhs.hps.graph.GraphSettings;
import uk.nhs.hps.privacy.PrivacySettings;
import uk.nhs.hps.programmeteam.ProgrammeTeamSettings;
import uk.nhs.hps.roster.RosterSettings;
import uk.nhs.hps.scheduling.SchedulingSettings;
import uk.nhs.hps.support.TestDatabases;
import uk.nhs.hps.teams.TeamsSettings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The defaults of every {@code *Settings} bean are the values README documents, whether they come from the
 * {@code @Bindable} defaults alone or from application.yml (which names most of them again), and typed settings
 * accept the text an operator writes, or stop the start when they cannot read it. FaqSettings is left to its own tests.
 */
class ConfigurationDefaultsTest {

    @Test
    void withNothingConfiguredEverySettingHasItsDocumentedDefault() {
        try (ApplicationContext context = context(false, Map.of())) {
            assertDocumentedDefaults(context);
        }
    }

    @Test
    void applicationYmlWithNoEnvironmentVariablesGivesTheSameDefaults() {
        try (ApplicationContext context = context(true, Map.of())) {
            assertDocumentedDefaults(context);
        }
    }

    @Test
    void typedSettingsBindFromTheTextAnOperatorWrites() {
        try (ApplicationContext context = context(false, Map.of(
                "scheduling.enabled", "false", "delivery.dispatcher-enabled", "false",
                "nudges.day-starts", "08:30", "delivery.lease", "90s", "privacy.retention-after-cohort-end", "P18M",
                "scheduling.time-zone", "Europe/Dublin", "access.coach-may-see", "VIEW_PROFILE,VIEW_TALENT_INPUTS",
                "programme-team.bootstrap", " a@nhs.net , ,b@nhs.net,a@nhs.net",
                "privacy.public-base-url", "https://hps.example/"))) {

            assertThat(context.getBean(NudgeSettings.class).dayStarts()).isEqualTo(LocalTime.of(8, 30));
            assertThat(context.getBean(DeliverySettings.class).lease()).isEqualTo(Duration.ofSeconds(90));
            assertThat(context.getBean(PrivacySettings.class).retentionAfterCohortEnd()).isEqualTo(Period.ofMonths(18));
            assertThat(context.getBean(SchedulingSettings.class).timeZone()).isEqualTo(ZoneId.of("Europe/Dublin"));
            assertThat(context.getBean(AccessSettings.class).coachMaySee())
                    .containsExactly(Action.VIEW_PROFILE, Action.VIEW_TALENT_INPUTS);
            assertThat(context.getBean(ProgrammeTeamSettings.class).bootstrap()).containsExactly("a@nhs.net", "b@nhs.net");
            assertThat(context.getBean(PrivacySettings.class).publicBaseUrl()).isEqualTo("https://hps.example");
        }
    }

    @Test
    void anEmptyUrlSettingMeansItsDefaultAsAnUnsetOneDoes() {
        try (ApplicationContext context = context(false, Map.of(
                "scheduling.enabled", "false", "delivery.dispatcher-enabled", "false",
                "privacy.public-base-url", "", "teams.default-service-url", " "))) {

            assertThat(context.getBean(PrivacySettings.class).publicBaseUrl()).isEqualTo("http://localhost:3978");
            assertThat(context.getBean(TeamsSettings.class).defaultServiceUrl()).isEqualTo("https://smba.trafficmanager.net/teams/");
        }
    }

    @Test
    void aValueThatIsNotItsTypeStopsTheStartAndNamesTheSetting() {
        assertThatThrownBy(() -> context(false, Map.of(
                "scheduling.enabled", "false", "delivery.dispatcher-enabled", "false",
                "nudges.day-starts", "8am", "privacy.retention-after-cohort-end", "two years",
                "access.coach-may-see", "VIEW_PROFILE,VIEW_EVERYTHING")).close())
                .hasStackTraceContaining("nudges.day-starts=8am")
                .hasStackTraceContaining("privacy.retention-after-cohort-end=two years")
                .hasStackTraceContaining("access.coach-may-see=VIEW_PROFILE,VIEW_EVERYTHING");
    }

    /**
     * A started service in 'dev' (so no bot credentials are needed) on an in-memory database, reading no
     * environment variables and, unless asked, no configuration files.
     */
    private static ApplicationContext context(boolean withApplicationYml, Map<String, String> settings) {
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        if (!withApplicationYml) {
            properties.put("flyway.datasources.default.enabled", "true");
            properties.put("flyway.datasources.default.locations", "classpath:db/migration");
        }
        properties.putAll(settings);
        return ApplicationContext.builder()
                .environments("dev")
                .deduceEnvironment(false)
                .enableDefaultPropertySources(withApplicationYml)
                .environmentPropertySource(false)
                .properties(properties)
                .start();
    }

    private static void assertDocumentedDefaults(ApplicationContext context) {
        SchedulingSettings scheduling = context.getBean(SchedulingSettings.class);
        assertThat(scheduling.enabled()).isTrue();
        assertThat(scheduling.schedulerName()).isEqualTo("HpsCompanion");
        assertThat(scheduling.threads()).isEqualTo(2);
        assertThat(scheduling.timeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(scheduling.nudgesCron()).isEqualTo("0 * * * * ?");
        assertThat(scheduling.digestCron()).isEqualTo("0 0 7 1 * ?");
        assertThat(scheduling.retentionCron()).isEqualTo("0 30 2 * * ?");
        assertThat(scheduling.clusterCheckinInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(scheduling.misfireThreshold()).isEqualTo(Duration.ofSeconds(60));

        NudgeSettings nudges = context.getBean(NudgeSettings.class);
        assertThat(nudges.dayStarts()).isEqualTo(LocalTime.of(8, 0));
        assertThat(nudges.dayEnds()).isEqualTo(LocalTime.of(18, 0));
        assertThat(nudges.meetingNudgeAt()).isEqualTo(LocalTime.of(9, 0));
        assertThat(nudges.secondNudgeDay()).isEqualTo(15);

        DeliverySettings delivery = context.getBean(DeliverySettings.class);
        assertThat(delivery.ratePerSecond()).isEqualTo(25.0);
        assertThat(delivery.perConversationRatePerSecond()).isEqualTo(7.0);
        assertThat(delivery.maxAttempts()).isEqualTo(6);
        assertThat(delivery.firstRetryDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(delivery.maxRetryDelay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(delivery.lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(delivery.batchSize()).isEqualTo(200);
        assertThat(delivery.workers()).isEqualTo(16);
        assertThat(delivery.dispatcherEnabled()).isTrue();
        assertThat(delivery.idlePollInterval()).isEqualTo(Duration.ofMillis(500));

        TeamsSettings teams = context.getBean(TeamsSettings.class);
        assertThat(teams.appId()).isNullOrEmpty();
        assertThat(teams.appPassword()).isNullOrEmpty();
        assertThat(teams.allowedTenants()).isEmpty();
        assertThat(teams.defaultServiceUrl()).isEqualTo("https://smba.trafficmanager.net/teams/");
        assertThat(teams.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(teams.readTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(teams.maxBodyBytes()).isEqualTo(256 * 1024);

        AdminAuthSettings adminAuth = context.getBean(AdminAuthSettings.class);
        assertThat(adminAuth.issuer()).isNullOrEmpty();
        assertThat(adminAuth.audience()).isNullOrEmpty();
        assertThat(adminAuth.devToken()).isNullOrEmpty();
        assertThat(adminAuth.tenantId()).isNullOrEmpty();
        assertThat(adminAuth.clockSkew()).isEqualTo(Duration.ofSeconds(60));

        assertThat(context.getBean(MetricsSettings.class).token()).isNullOrEmpty();

        GraphSettings graph = context.getBean(GraphSettings.class);
        assertThat(graph.baseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(graph.catalogAppId()).isNullOrEmpty();
        assertThat(graph.timeout()).isEqualTo(Duration.ofSeconds(10));

        RosterSettings roster = context.getBean(RosterSettings.class);
        assertThat(roster.importMaxRows()).isEqualTo(10_000);
        assertThat(roster.importMaxBytes()).isEqualTo(5 * 1024 * 1024);

        assertThat(context.getBean(AccessSettings.class).coachMaySee())
                .containsExactly(Action.VIEW_PROFILE, Action.VIEW_MEETING_STATUS, Action.VIEW_SHARED_REFLECTIONS,
                        Action.VIEW_TALENT_ROADMAP, Action.EDIT_TALENT_ROADMAP);

        PrivacySettings privacy = context.getBean(PrivacySettings.class);
        assertThat(privacy.publicBaseUrl()).isEqualTo("http://localhost:3978");
        assertThat(privacy.linkSecret()).isNullOrEmpty();
        assertThat(privacy.linkValidity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(privacy.retentionAfterCohortEnd()).isEqualTo(Period.ofYears(2));

        assertThat(context.getBean(ProgrammeTeamSettings.class).bootstrap()).isEqualTo(List.of());
    }
}
