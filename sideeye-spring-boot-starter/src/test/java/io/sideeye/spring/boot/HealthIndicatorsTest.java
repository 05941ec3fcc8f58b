package io.sideeye.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.service.DjangoServiceManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Spring Boot 3's and 4's indicators report the same status and details. */
class HealthIndicatorsTest {

    @Test
    void bothVersionsReportTheSame() {
        try (DjangoServiceManager manager = DjangoServiceManager.builder().projectDir(Path.of(".")).port(0).build()) {
            var boot3 = new SideEyeHealthIndicator(manager).health();
            var boot4 = new SideEyeBoot4HealthIndicator(manager).health();

            assertThat(boot3.getStatus().getCode()).isEqualTo("DOWN").isEqualTo(boot4.getStatus().getCode());
            assertThat(boot3.getDetails()).containsEntry("state", "STOPPED").isEqualTo(boot4.getDetails());
        }
    }
}
