package io.sideeye.desktop.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline asked for, from fake device files and properties. */
class PrismPipelineTest {
    private static final Set<Path> NO_DEVICES = Set.of();

    @Test
    void linuxWithoutAGpuDeviceAsksForTheSoftwarePipeline() {
        assertThat(PrismPipeline.order("Linux", null, null, NO_DEVICES::contains)).contains("sw");
    }

    @Test
    void aGpuDeviceLeavesJavaFxItsOwnChoice() {
        assertThat(PrismPipeline.order("Linux", null, null, Set.of(Path.of("/dev/dri"))::contains)).isEmpty();
        assertThat(PrismPipeline.order("Linux", null, null, Set.of(Path.of("/dev/nvidiactl"))::contains)).isEmpty();
    }

    @Test
    void whatTheUserSetIsLeftAlone() {
        assertThat(PrismPipeline.order("Linux", "es2,sw", null, NO_DEVICES::contains)).isEmpty();
        assertThat(PrismPipeline.order("Linux", null, "true", NO_DEVICES::contains)).isEmpty();
    }

    @Test
    void otherSystemsKeepJavaFxsChoice() {
        assertThat(PrismPipeline.order("Mac OS X", null, null, NO_DEVICES::contains)).isEmpty();
        assertThat(PrismPipeline.order("Windows 11", null, null, NO_DEVICES::contains)).isEmpty();
    }
}
