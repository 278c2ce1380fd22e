package uk.nhs.hps.reflection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The patient-data detector warns about NHS numbers and dates of birth, and stays quiet about ordinary reflection. */
class PatientDataDetectorTest {

    private static final int YEAR = 2026;

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "943-476-5919", "Patient 4010232137 was waiting"})
    void nhsNumberWithValidChecksumIsFound(String text) {
        assertThat(PatientDataDetector.containsNhsNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "0123456788 is a phone-like number", "1111111111", "94347659190", "+449434765919"})
    void tenDigitsFailingTheCheckAreNotAnNhsNumber(String text) {
        assertThat(PatientDataDetector.containsNhsNumber(text)).isFalse();
    }

    @Test
    void checkDigitOfTenMeansNoValidNumber() {
        // weights give remainder 1, so the check digit would be 10: never issued
        assertThat(PatientDataDetector.validNhsNumber("1000000010")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOB 12/03/1948", "date of birth: 1948-03-12", "born on 3 March 1948", "d.o.b. 12.03.48"})
    void labelledDateOfBirthIsFound(String text) {
        assertThat(PatientDataDetector.containsDateOfBirth(text, YEAR)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mrs Jones, 12/03/1948, was distressed", "I met John Smith (12/03/1948) on the ward",
            "12 March 1948 Mr Patel"})
    void oldDateNextToANameIsFound(String text) {
        assertThat(PatientDataDetector.containsDateOfBirth(text, YEAR)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"On 12/03/2026 I chaired the Board Meeting", "Mrs Jones taught me a lot about listening",
            "In 1948 the NHS was founded", "12/03/1948 was a long time ago. Much later Jane Smith joined."})
    void ordinaryReflectionRaisesNoWarning(String text) {
        assertThat(PatientDataDetector.containsDateOfBirth(text, YEAR)).isFalse();
    }

    @Test
    void findingsNameTheFieldTheyAreIn() {
        var findings = PatientDataDetector.scan(Map.of("So what?", "Patient 943 476 5919 taught me patience"), YEAR);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(PatientDataDetector.Kind.NHS_NUMBER);
            assertThat(f.describe(f.field())).contains("**So what?**");
        });
    }
}
