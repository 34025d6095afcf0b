package emrpipeline.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiguresTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0 bytes", "1, 1 byte", "1023, 1023 bytes", "1024, 1.00 KiB", "1536, 1.50 KiB",
            "13207024640, 12.3 GiB", "107374182400, 100 GiB", "1099511627776, 1.00 TiB",
            "9223372036854775807, 8.00 EiB"})
    void bytes(long bytes, String expected) {
        assertEquals(expected, Figures.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0 s", "45.4, 45 s", "59.5, 1 min 00 s", "725, 12 min 05 s", "3725.4, 1 h 02 min",
            "86399, 23 h 59 min", "187500, 2 d 4 h 05 min"})
    void durations(String seconds, String expected) {
        assertEquals(expected, Figures.duration(new BigDecimal(seconds)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|$0.00", "0.004|<$0.01", "1.8375|$1.84", "1234.5|$1,234.50"})
    void dollars(String amount, String expected) {
        assertEquals(expected, Figures.usd(new BigDecimal(amount)));
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "3.50, 3.5", "3.254, 3.25", "0.005, 0.01", "100, 100", "1E+2, 100"})
    void decimals(String value, String expected) {
        assertEquals(expected, Figures.decimal(new BigDecimal(value)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "1234|1,234", "1234567|1,234,567"})
    void counts(long value, String expected) {
        assertEquals(expected, Figures.count(value));
    }
}
