package io.sideeye.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sideeye.cli.CliContext;
import io.sideeye.cli.output.ColorMode;
import org.junit.jupiter.api.Test;

/** The everyday forms of the control commands, read without the parser, and what is left to it. */
class ControlShortcutTest {
    private final CliContext ctx = CliContext.system();

    @Test
    void statusOfOneServiceAsJsonOfOneRun() {
        StatusCommand status = (StatusCommand) ControlShortcut.parse(ctx, "status", "worker", "--json", "--pid", "42");

        assertThat(status.service.name()).isEqualTo("worker");
        assertThat(status.output.json()).isTrue();
        assertThat(status.pid).isEqualTo(42L);
    }

    @Test
    void lifecycleCommandsWithAndWithoutAService() {
        assertThat(ControlShortcut.parse(ctx, "stop")).isInstanceOf(StopCommand.class)
                .satisfies(c -> assertThat(((LifecycleCommand) c).service.name()).isNull());
        assertThat(ControlShortcut.parse(ctx, "start", "web")).isInstanceOf(StartCommand.class)
                .satisfies(c -> assertThat(((LifecycleCommand) c).service.name()).isEqualTo("web"));
        assertThat(ControlShortcut.parse(ctx, "restart", "--color=never", "web")).isInstanceOf(RestartCommand.class)
                .satisfies(c -> assertThat(c.output.color).isEqualTo(ColorMode.NEVER));
    }

    @Test
    void callWithServiceMethodAndBody() {
        CallCommand call = (CallCommand) ControlShortcut.parse(ctx, "call", "worker", "/jobs/", "-X", "post",
                "--data={\"a\": 1}");

        assertThat(call.target).containsExactly("worker", "/jobs/");
        assertThat(call.method).isEqualTo("post");
        assertThat(call.data).isEqualTo("{\"a\": 1}");
    }

    @Test
    void aCallDefaultsToGet() {
        CallCommand call = (CallCommand) ControlShortcut.parse(ctx, "call", "/notes/");

        assertThat(call.method).isEqualTo("GET");
        assertThat(call.data).isNull();
    }

    @Test
    void everyOtherFormIsLeftToTheFullParser() {
        assertThat(ControlShortcut.parse(ctx)).isNull();
        assertThat(ControlShortcut.parse(ctx, "run")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "--help")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "-h")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "a", "b")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "--pid")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "--pid", "x")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "--color=purple")).isNull();
        assertThat(ControlShortcut.parse(ctx, "status", "--json=yes")).isNull();
        assertThat(ControlShortcut.parse(ctx, "stop", "-X", "POST")).isNull();
        assertThat(ControlShortcut.parse(ctx, "call")).isNull();
        assertThat(ControlShortcut.parse(ctx, "call", "-XPOST", "/notes/")).isNull();
        assertThat(ControlShortcut.parse(ctx, "call", "a", "b", "c")).isNull();
    }
}
