package io.sideeye.control.metrics;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads processes with OSHI (macOS, Windows, and any system without Linux's {@code /proc}).
 * Kept in a class of its own so that OSHI and JNA are only loaded where they are used.
 */
final class OshiProcesses {
    private final OperatingSystem os = new SystemInfo().getOperatingSystem();

    /** The process {@code pid} now, or null when it has ended. */
    ProcStat read(long pid) {
        OSProcess p = os.getProcess((int) pid);
        return p == null ? null : new ProcStat(p.getProcessID(), p.getUserTime() + p.getKernelTime(),
                p.getResidentSetSize(), p.getStartTime());
    }
}
