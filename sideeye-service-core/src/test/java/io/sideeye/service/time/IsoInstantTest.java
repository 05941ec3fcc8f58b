package io.sideeye.service.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void writesWhatInstantToStringWrites() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2026-12-05T04:03:28.123Z", "2024-02-29T23:59:59.999999999Z",
                "2000-03-01T00:00:00.000001Z", "1969-12-31T23:59:59.500Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "1900-02-28T12:00:00.010Z", "2100-03-01T00:00:01Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(IsoInstant.format(instant)).as(text).isEqualTo(instant.toString());
        }
    }

    @Test
    void agreesWithInstantToStringOverTheWholeRangeAndEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 100_000, 253_402_300_799L + 100_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void leavesYearsBeyondFourDigitsToTheJdk() {
        Instant far = Instant.parse("+12345-06-07T08:09:10Z");
        assertThat(IsoInstant.format(far)).isEqualTo("+12345-06-07T08:09:10Z");
        Instant before = Instant.parse("-0001-12-31T23:59:59Z");
        assertThat(IsoInstant.format(before)).isEqualTo(before.toString());
    }
}
