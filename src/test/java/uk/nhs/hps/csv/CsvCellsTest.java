package uk.nhs.hps.csv;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule every CSV export uses to keep a spreadsheet from running a cell as a formula. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", ";=1+1", ",=1+1", ";;=1", "\t;=1",
            " =1+1", "|=cmd", ", +1", ";@x", "\u00a0=1"})
    void aCellThatWouldRunAsAFormulaIsQuoted(String value) {
        assertThat(CsvCells.neutralise(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "alice@nhs.net", "Band 8a", ";", ",", "a;=1", "Smith, Jo", " plain"})
    void anOrdinaryCellIsLeftAlone(String value) {
        assertThat(CsvCells.neutralise(value)).isEqualTo(value);
    }
}
