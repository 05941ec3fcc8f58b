/**
 * What the test suites of every module share, written once: the repository's {@link
 * io.sideeye.testsupport.Repository root}, the {@link io.sideeye.testsupport.ReferenceBackend
 * reference Django backend} and the check that it is set up ({@link
 * io.sideeye.testsupport.RequiresReferenceBackend}), the core's {@link
 * io.sideeye.testsupport.StdlibTestServer stdlib test server}, and what the operating system says
 * about processes: {@link io.sideeye.testsupport.Liveness}, {@link
 * io.sideeye.testsupport.ProcStat}, {@link io.sideeye.testsupport.ProcessTable}, {@link io.sideeye.testsupport.Signals}, {@link
 * io.sideeye.testsupport.Ports} and {@link io.sideeye.testsupport.OutputLines}.
 *
 * <p>The module depends on no SideEye module, so the core's own tests use it too; helpers that
 * build a manager ({@code ServiceBuilder}) stay in the module whose tests configure it.
 */
package io.sideeye.testsupport;
