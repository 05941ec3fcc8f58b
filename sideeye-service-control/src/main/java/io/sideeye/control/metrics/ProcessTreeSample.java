package io.sideeye.control.metrics;

/**
 * Resource use of the backend's process tree (the server process and its descendants, e.g.
 * gunicorn workers).
 *
 * @param rootPid       the backend's pid, or null when none runs
 * @param processes     processes in the tree
 * @param cpuSeconds    CPU time (user + system) used by the processes alive now
 * @param cpuPercent    CPU use since the previous sample, in percent of one core (200 = two cores)
 * @param residentBytes resident memory of the tree
 */
public record ProcessTreeSample(Long rootPid, int processes, double cpuSeconds, double cpuPercent,
                                long residentBytes) {
    /** No backend process. */
    public static final ProcessTreeSample NONE = new ProcessTreeSample(null, 0, 0, 0, 0);

    /** The figures of several trees added up, with the root of the first one that runs. */
    public static ProcessTreeSample sum(java.util.List<ProcessTreeSample> samples) {
        if (samples.size() == 1) {
            return samples.get(0);
        }
        Long root = samples.stream().map(ProcessTreeSample::rootPid).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
        return new ProcessTreeSample(root, samples.stream().mapToInt(ProcessTreeSample::processes).sum(),
                samples.stream().mapToDouble(ProcessTreeSample::cpuSeconds).sum(),
                samples.stream().mapToDouble(ProcessTreeSample::cpuPercent).sum(),
                samples.stream().mapToLong(ProcessTreeSample::residentBytes).sum());
    }
}
