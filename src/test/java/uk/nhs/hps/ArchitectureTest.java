package uk.nhs.hps;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.core.annotation.Generated;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.CommandHandler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries the design depends on, checked on every build. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("uk.nhs.hps");
    }

    @Test
    void botFrameworkSdkIsUsedOnlyInTheTeamsPackage() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("uk.nhs.hps.teams..")
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.bot..")
                .because("the retired SDK must stay replaceable without touching features");
        rule.check(production);
    }

    @Test
    void featureLogicDoesNotDependOnHttpOrScheduling() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("uk.nhs.hps.teams..", "uk.nhs.hps.admin..", "uk.nhs.hps.console..",
                        "uk.nhs.hps.scheduling..")
                // edges by what they are, not by what they are called
                .and().areNotAnnotatedWith(Controller.class)
                .and().areNotAnnotatedWith(Generated.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "org.quartz..")
                .because("rules and use cases stay apart from IO; edges only translate and delegate");
        rule.check(production);
    }

    @Test
    void conversationDoesNotReachIntoTeams() {
        noClasses().that().resideOutsideOfPackage("uk.nhs.hps.teams..")
                .should().dependOnClassesThat().resideInAPackage("uk.nhs.hps.teams..")
                .because("features talk to Teams only through the conversation and delivery abstractions")
                .check(production);
    }

    @Test
    void topLevelPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("uk.nhs.hps.(*)..")
                .should().beFreeOfCycles()
                .because("each feature and shared kernel is a room a newcomer can understand on its own")
                .check(production);
    }

    @Test
    void chatHandlersControllersAndJobsUseNoRepositories() {
        ArchRule rule = noClasses().that().implement(CommandHandler.class)
                .or().areAnnotatedWith(Controller.class)
                .or().implement(org.quartz.Job.class)
                .should().dependOnClassesThat().areAssignableTo(GenericRepository.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(JdbcRepository.class)
                .because("edges translate and delegate: the use case owns the reads and writes");
        rule.check(production);
    }
}
