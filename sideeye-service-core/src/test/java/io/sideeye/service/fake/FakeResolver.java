package io.sideeye.service.fake;

import io.sideeye.service.process.CommandRequest;
import io.sideeye.service.process.CommandResolutionException;
import io.sideeye.service.process.CommandResolver;
import io.sideeye.service.process.ResolvedCommand;
import java.util.Map;

/** Expands {@code {host}} and {@code {port}} in the configured command; can be told to fail. */
public final class FakeResolver implements CommandResolver {
    public volatile String failWith;

    @Override
    public ResolvedCommand resolve(CommandRequest r) throws CommandResolutionException {
        if (failWith != null) {
            throw new CommandResolutionException(failWith);
        }
        return new ResolvedCommand(r.command().stream()
                .map(a -> a.replace("{host}", r.host()).replace("{port}", Integer.toString(r.port()))).toList(),
                Map.of("DJANGO_SETTINGS_MODULE", "fake.settings"), "fake backend");
    }
}
