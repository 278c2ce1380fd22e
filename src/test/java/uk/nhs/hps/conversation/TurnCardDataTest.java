package uk.nhs.hps.conversation;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading ids and text from submitted cards, which arrive from users and may be tampered with. */
class TurnCardDataTest {

    @Test
    void idIsReadFromANumberOrFromDigits() {
        assertThat(turn(Map.of("id", 42)).cardId("id")).contains(42L);
        assertThat(turn(Map.of("id", " 42 ")).cardId("id")).contains(42L);
    }

    @Test
    void tamperedIdsAreEmptyNotErrors() {
        for (Object bad : new Object[]{0, -3, 4.5, "4.5", "42; DROP TABLE", "1234567890123456789", "", "abc"}) {
            assertThat(turn(Map.of("id", bad)).cardId("id")).as("id %s", bad).isEmpty();
        }
        assertThat(turn(Map.of()).cardId("id")).isEmpty();
    }

    @Test
    void textIsTrimmedAndBlankIsEmpty() {
        Map<String, Object> data = new HashMap<>();
        data.put("title", "  Workshop moved  ");
        data.put("blank", "   ");
        assertThat(turn(data).cardText("title")).contains("Workshop moved");
        assertThat(turn(data).cardText("blank")).isEmpty();
        assertThat(turn(data).cardText("missing")).isEmpty();
    }

    private static Turn turn(Map<String, Object> data) {
        return new Turn("a1", Turn.Kind.CARD_ACTION, "", data, "29:u", "U", Optional.empty(), false);
    }
}
