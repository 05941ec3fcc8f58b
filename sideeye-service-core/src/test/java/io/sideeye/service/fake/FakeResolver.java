package io.sideeye.service.fake;

import io.sideeye.service.process.CommandRequest;
import io.sideeye.service.process.CommandResolutionException;
import io.sideeye.service.process.CommandResolver;
import io.sideeye.service.process.PortSharing;
import io.sideeye.service.process.ResolvedCommand;
import java.util.Map;

/**
 * Expands {@code {host}}, {@code {port}} and {@code {privatePort}} in the configured command; like the
 * real resolver's custom command, one with {@code {privatePort}} shares its port when asked to. Can be
 * told to fail.
 */
public final class FakeResolver implements CommandResolver {
    public volatile String failWith;

    @Override
    public ResolvedCommand resolve(CommandRequest r) throws CommandResolutionException {
        if (failWith != null) {
            throw new CommandResolutionException(failWith);
        }
        boolean declares = r.command().stream().anyMatch(a -> a.contains("{privatePort}"));
        PortSharing sharing = !r.sharePort() ? PortSharing.not("zeroDowntimeRestart is off")
                : declares ? PortSharing.by("fake SO_REUSEPORT") : PortSharing.not("the fake backend binds its port alone");
        return new ResolvedCommand(r.command().stream()
                .map(a -> a.replace("{host}", r.host()).replace("{port}", Integer.toString(r.port()))
                        .replace("{privatePort}", Integer.toString(r.privatePort()))).toList(),
                Map.of("DJANGO_SETTINGS_MODULE", "fake.settings"), "fake backend", null, sharing);
    }
}
