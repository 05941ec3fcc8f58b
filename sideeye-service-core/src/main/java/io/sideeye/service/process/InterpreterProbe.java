package io.sideeye.service.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Asks a Python interpreter whether it can run Django and which servers it has. */
interface InterpreterProbe {

    /**
     * @param command     the argv prefix that runs the interpreter; element 0 is an absolute path
     * @param workingDir  the folder the backend will run in
     * @param environment variables the backend will get besides the inherited ones (e.g. PYTHONPATH)
     * @return what the interpreter reported; its command may differ from {@code command} for a
     *         launcher such as {@code py -3}, which is replaced by the interpreter it starts
     * @throws Failure with a short reason such as
     *         {@code cannot import Django (ModuleNotFoundError: No module named 'django')}
     */
    Interpreter probe(List<String> command, Path workingDir, Map<String, String> environment) throws Failure;

    /** Why a candidate interpreter cannot be used; the message is one short clause. */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }
}
