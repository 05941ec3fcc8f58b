package io.sideeye.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sideeye.service.DjangoServiceManager;
import io.sideeye.testsupport.Liveness;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * How long one backend lives, by where the extension is declared: the classes below run through
 * JUnit's own engine (EngineTestKit), and each test notes the pid of the backend it saw.
 */
class LifetimesIT {
    static final List<Long> PIDS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        PIDS.clear();
    }

    @Test
    void aStaticFieldRunsOneBackendForTheClassAndStopsItAfterwards() {
        Events tests = run(PerClass.class);

        tests.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(PIDS).hasSize(2).containsOnly(PIDS.get(0));
        assertThat(Liveness.running(PIDS.get(0))).as("backend after the class").isFalse();
    }

    @Test
    void anInstanceFieldRunsOneBackendPerTest() {
        Events tests = run(PerTest.class);

        tests.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(PIDS).hasSize(2).doesNotHaveDuplicates();
        assertThat(PIDS).noneMatch(Liveness::running);
    }

    @Test
    void aSharedExtensionRunsOneBackendForEveryClassOfTheRun() {
        Events tests = run(SharedFirst.class, SharedSecond.class);

        tests.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(PIDS).hasSize(2).containsOnly(PIDS.get(0));
        assertThat(Liveness.running(PIDS.get(0))).as("backend after the run").isFalse();
    }

    static Events run(Class<?>... classes) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(java.util.Arrays.stream(classes).map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute()
                .testEvents();
    }

    static class PerClass {
        @RegisterExtension
        static final SideEyeExtension BACKEND = SideEyeExtension.of(TestBackend.builder());

        @Test
        void first(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }

        @Test
        void second(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }
    }

    static class PerTest {
        @RegisterExtension
        final SideEyeExtension backend = SideEyeExtension.of(TestBackend.builder());

        @Test
        void first(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }

        @Test
        void second(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }
    }

    abstract static class SharedBase {
        @RegisterExtension
        static final SideEyeExtension BACKEND = SideEyeExtension.of(TestBackend.builder()).shared();
    }

    static class SharedFirst extends SharedBase {
        @Test
        void notes(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }
    }

    static class SharedSecond extends SharedBase {
        @Test
        void notes(DjangoServiceManager manager) {
            PIDS.add(manager.getStatus().pid());
        }
    }
}
