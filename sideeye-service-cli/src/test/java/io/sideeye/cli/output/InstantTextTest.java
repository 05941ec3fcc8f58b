package io.sideeye.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIME_MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Test
    void readsInstantsAsInstantParseDoes() {
        for (String text : new String[] {"2026-12-04T23:00:24.481Z", "2026-12-04T23:00:24Z", "1970-01-01T00:00:00Z",
                "2024-02-29T12:34:56.123456789Z", "1969-12-31T23:59:59.5Z", "2026-03-29T01:30:00.000001Z",
                "2026-12-04T23:00:24.481+01:00", "+12026-12-04T23:00:24Z", "2026-12-04T24:00:00Z", "2026-12-31T23:59:60Z"}) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String text = Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)).toString();
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-04T25:00:00Z",
                "2026-12-04T23:00:24.1234567890Z", "2026-12-04 23:00:24Z", "2026-12-04T23:0a:24Z", "yesterday"}) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void showsTheTimeOfDayAsTheFormatterDoes() {
        Random random = new Random(11);
        // 1970-2096: the old time-zone API has no local mean time before a zone's first rule (1850s)
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"}) {
            for (int i = 0; i < 500; i++) {
                Instant at = Instant.ofEpochMilli(Math.floorMod(random.nextLong(), 4_000_000_000_000L));
                assertThat(InstantText.timeOfDay(at, TimeZone.getTimeZone(zone))).as(zone + " " + at)
                        .isEqualTo(TIME.format(at.atZone(ZoneId.of(zone))));
            }
        }
    }

    @Test
    void showsTheTimeOfDayWithMillisecondsAsTheFormatterDoes() {
        Random random = new Random(13);
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kolkata",
            "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Kiritimati"}) {
            for (int i = 0; i < 500; i++) {
                Instant at = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 4_000_000_000L),
                        random.nextInt(1_000_000_000));
                assertThat(InstantText.timeOfDayMillis(at, TimeZone.getTimeZone(zone))).as(zone + " " + at)
                        .isEqualTo(TIME_MILLIS.format(at.atZone(ZoneId.of(zone))));
            }
        }
    }
}
