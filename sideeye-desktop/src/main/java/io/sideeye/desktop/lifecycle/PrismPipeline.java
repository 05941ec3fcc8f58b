package io.sideeye.desktop.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which JavaFX rendering pipeline to ask for before the toolkit starts. JavaFX tries its OpenGL
 * pipeline (es2) first and falls back to software rendering (sw) when the graphics do not qualify;
 * on Linux without a GPU device (no {@code /dev/dri}, no NVIDIA device), as under Xvfb or on a
 * remote display, OpenGL can only be Mesa's software renderer, which JavaFX rejects: the attempt
 * costs 0.3-0.4 s of every start and ends in the software pipeline anyway. There the app asks for
 * the software pipeline at once. A {@code prism.order} or {@code prism.forceGPU} the user gave
 * (e.g. {@code JAVA_TOOL_OPTIONS=-Dprism.order=es2,sw}) is left alone.
 */
public final class PrismPipeline {
    /** JavaFX's property for the pipelines to try, in order. */
    public static final String ORDER_PROPERTY = "prism.order";

    private static final List<Path> GPU_DEVICES = List.of(Path.of("/dev/dri"), Path.of("/dev/nvidiactl"),
            Path.of("/dev/nvidia0"));

    private PrismPipeline() {
    }

    /** Sets {@value #ORDER_PROPERTY} for this JVM when {@link #order} says so; call before JavaFX starts. */
    public static void choose() {
        order(System.getProperty("os.name", ""), System.getProperty(ORDER_PROPERTY),
                System.getProperty("prism.forceGPU"), Files::exists)
                .ifPresent(order -> System.setProperty(ORDER_PROPERTY, order));
    }

    /**
     * The pipeline order to set, or empty to keep JavaFX's own choice.
     *
     * @param osName     {@code os.name}
     * @param order      the {@value #ORDER_PROPERTY} already set, or null
     * @param forceGpu   {@code prism.forceGPU} as set, or null
     * @param exists     whether a device file exists
     */
    static Optional<String> order(String osName, String order, String forceGpu, Predicate<Path> exists) {
        if (!osName.startsWith("Linux") || order != null || forceGpu != null) {
            return Optional.empty();
        }
        return GPU_DEVICES.stream().anyMatch(exists) ? Optional.empty() : Optional.of("sw");
    }
}
