package io.sideeye.cli;

import io.sideeye.cli.command.ControlShortcut;

/**
 * The entry point the installed launcher uses for the short control commands ({@code status},
 * {@code start}, {@code stop}, {@code restart}, {@code call}) and {@code --version}: these run
 * without the command-line parser ({@link ControlShortcut}), which is most of such a command's
 * time; every other form goes to {@link SideEye#main}, so the output, errors and exit codes are
 * those of the full command.
 */
public final class ControlMain {
    private ControlMain() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        SideEye.quietLogging();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : new VersionProvider().getVersion()) {
                System.out.println(line);
            }
            System.exit(ExitCodes.OK);
        }
        CliContext ctx = CliContext.system();
        Integer code;
        try {
            code = ControlShortcut.run(ctx, args);
        } catch (RuntimeException e) {
            ctx.err().println("sideeye: " + args[0] + " failed: " + (e.getMessage() == null ? e : e.getMessage()));
            if (ctx.env().containsKey("SIDEEYE_STACKTRACE")) {
                e.printStackTrace(ctx.err());
            } else {
                ctx.err().println("(set SIDEEYE_STACKTRACE=1 to see the stack trace)");
            }
            code = ExitCodes.FAILED;
        }
        if (code == null) {
            SideEye.main(args);
        } else {
            System.out.flush();
            System.exit(code);
        }
    }
}
